// A WebSocket that reconnects with exponential backoff and jitter. It knows nothing about
// the app: the caller supplies the URL, the protocols (read at every connect, so a
// refreshed token is used) and the callbacks.

export type WsStatus = 'connecting' | 'online' | 'offline';

/** What to do after the server closed with 1008 (policy: access revoked or token expired). */
export type RevokedOutcome = 'reconnect' | 'backoff' | 'stop';

/** The close code the service sends when the token's access has ended. */
export const CLOSE_ACCESS_REVOKED = 1008;

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface WsClientOptions {
  url: string;
  protocols: () => string[] | null;
  onMessage: (data: unknown) => void;
  onStatus: (status: WsStatus, retryInMs?: number) => void;
  /**
   * Called on a 1008 close, before any reconnect: e.g. refresh the session. 'reconnect' connects
   * again at once (once; a second 1008 before the socket opens backs off), 'backoff' as after a
   * drop, 'stop' stays closed. Without it a 1008 is handled as a drop.
   */
  onAccessRevoked?: () => Promise<RevokedOutcome>;
  backoff?: Backoff;
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30000, factor: 2 };

export function backoffDelay(attempt: number, b: Backoff, random: () => number): number {
  const base = Math.min(b.maxMs, b.initialMs * b.factor ** attempt);
  return Math.round(base * (0.5 + random() / 2));
}

export class WsClient {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = true;
  private readonly opts: Required<Omit<WsClientOptions, 'WebSocketImpl' | 'onAccessRevoked'>> & {
    WebSocketImpl: typeof WebSocket | undefined;
    onAccessRevoked: WsClientOptions['onAccessRevoked'];
  };

  constructor(options: WsClientOptions) {
    this.opts = {
      backoff: DEFAULT_BACKOFF,
      random: Math.random,
      ...options,
      WebSocketImpl: options.WebSocketImpl ?? globalThis.WebSocket,
      onAccessRevoked: options.onAccessRevoked,
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onclose = s.onerror = s.onmessage = null;
      s.close(1000, 'client closing');
    }
    this.opts.onStatus('offline');
  }

  private connect(): void {
    const Impl = this.opts.WebSocketImpl;
    const protocols = this.opts.protocols();
    if (!Impl || protocols === null) {
      this.scheduleReconnect();
      return;
    }
    this.opts.onStatus('connecting');
    let socket: WebSocket;
    try {
      socket = new Impl(this.opts.url, protocols);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.opts.onStatus('online');
    };
    socket.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      try {
        this.opts.onMessage(JSON.parse(ev.data));
      } catch {
        // A malformed frame is ignored; the stream goes on.
      }
    };
    socket.onerror = () => {
      // onclose follows and schedules the reconnect.
    };
    socket.onclose = (ev: CloseEvent) => {
      this.socket = null;
      if (this.stopped) return;
      const onRevoked = this.opts.onAccessRevoked;
      if (ev.code === CLOSE_ACCESS_REVOKED && onRevoked) void this.afterRevoked(onRevoked);
      else this.scheduleReconnect();
    };
  }

  private async afterRevoked(onRevoked: () => Promise<RevokedOutcome>): Promise<void> {
    this.opts.onStatus('offline');
    let outcome: RevokedOutcome;
    try {
      outcome = await onRevoked();
    } catch {
      outcome = 'backoff';
    }
    if (this.stopped) return;
    if (outcome === 'stop') {
      this.stop();
    } else if (outcome === 'reconnect' && this.attempt === 0) {
      // At once, but only once: the next 1008 before an open counts as a failed attempt.
      this.attempt = 1;
      this.connect();
    } else {
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt, this.opts.backoff, this.opts.random);
    this.attempt += 1;
    this.opts.onStatus('offline', delay);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }
}
