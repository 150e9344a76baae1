// A WebSocket that reconnects with exponential backoff and jitter. It knows nothing about
// the app: the caller supplies the URL, the protocols (read at every connect, so a
// refreshed token is used) and the callbacks.

export type WsStatus = 'connecting' | 'online' | 'offline';

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
  private readonly opts: Required<Omit<WsClientOptions, 'WebSocketImpl'>> & {
    WebSocketImpl: typeof WebSocket | undefined;
  };

  constructor(options: WsClientOptions) {
    this.opts = {
      backoff: DEFAULT_BACKOFF,
      random: Math.random,
      ...options,
      WebSocketImpl: options.WebSocketImpl ?? globalThis.WebSocket,
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
    socket.onclose = () => {
      this.socket = null;
      if (!this.stopped) this.scheduleReconnect();
    };
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
