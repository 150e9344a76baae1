import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  backoffDelay,
  DEFAULT_BACKOFF,
  WsClient,
  type RevokedOutcome,
  type WsStatus,
} from '@/lib/ws-client';

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  closed = false;
  constructor(
    public url: string,
    public protocols: string[],
  ) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => {
  vi.useRealTimers();
  FakeSocket.all = [];
});

describe('ws client', () => {
  it('grows the backoff up to the cap', () => {
    const mid = () => 1;
    expect(backoffDelay(0, DEFAULT_BACKOFF, mid)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, mid)).toBe(8000);
    expect(backoffDelay(20, DEFAULT_BACKOFF, mid)).toBe(30000);
  });

  it('sends the token as a subprotocol, reports status and reconnects after a drop', () => {
    vi.useFakeTimers();
    const statuses: WsStatus[] = [];
    const messages: unknown[] = [];
    const client = new WsClient({
      url: 'ws://x/api/events',
      protocols: () => ['bearer', 'tok'],
      onMessage: (m) => messages.push(m),
      onStatus: (s) => statuses.push(s),
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      random: () => 1,
    });
    client.start();
    const first = FakeSocket.all[0];
    expect(first.protocols).toEqual(['bearer', 'tok']);
    first.onopen?.();
    first.onmessage?.({ data: '{"type":"store.updated","data":{}}' });
    first.onmessage?.({ data: 'not json' });
    expect(messages).toEqual([{ type: 'store.updated', data: {} }]);
    first.onclose?.({ code: 1006 });
    expect(statuses).toEqual(['connecting', 'online', 'offline']);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    client.stop();
    expect(FakeSocket.all[1].closed).toBe(true);
  });

  it('waits without a token', () => {
    vi.useFakeTimers();
    const client = new WsClient({
      url: 'ws://x',
      protocols: () => null,
      onMessage: () => undefined,
      onStatus: () => undefined,
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    client.start();
    expect(FakeSocket.all).toHaveLength(0);
    client.stop();
  });

  describe('after a 1008 close (access revoked)', () => {
    function revokedClient(outcomes: RevokedOutcome[]) {
      let token = 'tok-1';
      const calls: string[] = [];
      const client = new WsClient({
        url: 'ws://x/api/events',
        protocols: () => ['bearer', token],
        onMessage: () => undefined,
        onStatus: () => undefined,
        onAccessRevoked: () => {
          calls.push('revoked');
          token = `tok-${calls.length + 1}`;
          return Promise.resolve(outcomes.shift() ?? 'backoff');
        },
        WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
        random: () => 1,
      });
      return { client, calls };
    }

    it('renews at once and reconnects with the new token, without waiting for a backoff', async () => {
      vi.useFakeTimers();
      const { client, calls } = revokedClient(['reconnect']);
      client.start();
      FakeSocket.all[0].onopen?.();
      FakeSocket.all[0].onclose?.({ code: 1008 });
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual(['revoked']);
      expect(FakeSocket.all).toHaveLength(2);
      expect(FakeSocket.all[1].protocols).toEqual(['bearer', 'tok-2']);
      client.stop();
    });

    it('backs off when a renewed socket is refused again before it opens', async () => {
      vi.useFakeTimers();
      const { client, calls } = revokedClient(['reconnect', 'reconnect']);
      client.start();
      FakeSocket.all[0].onopen?.();
      FakeSocket.all[0].onclose?.({ code: 1008 });
      await vi.advanceTimersByTimeAsync(0);
      FakeSocket.all[1].onclose?.({ code: 1008 });
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toHaveLength(2);
      expect(FakeSocket.all).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(2000);
      expect(FakeSocket.all).toHaveLength(3);
      client.stop();
    });

    it('stays closed when the renewal says stop (refresh refused)', async () => {
      vi.useFakeTimers();
      const statuses: WsStatus[] = [];
      const client = new WsClient({
        url: 'ws://x',
        protocols: () => ['bearer', 'tok'],
        onMessage: () => undefined,
        onStatus: (st) => statuses.push(st),
        onAccessRevoked: () => Promise.resolve('stop'),
        WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      });
      client.start();
      FakeSocket.all[0].onopen?.();
      FakeSocket.all[0].onclose?.({ code: 1008 });
      await vi.advanceTimersByTimeAsync(60000);
      expect(FakeSocket.all).toHaveLength(1);
      expect(statuses.at(-1)).toBe('offline');
    });

    it('treats other close codes as a drop, without renewing', async () => {
      vi.useFakeTimers();
      const { client, calls } = revokedClient(['reconnect']);
      client.start();
      FakeSocket.all[0].onopen?.();
      FakeSocket.all[0].onclose?.({ code: 1011 });
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual([]);
      expect(FakeSocket.all).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeSocket.all).toHaveLength(2);
      client.stop();
    });
  });
});
