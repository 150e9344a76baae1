import { afterEach, describe, expect, it, vi } from 'vitest';

import { backoffDelay, DEFAULT_BACKOFF, WsClient, type WsStatus } from '@/lib/ws-client';

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
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
    first.onclose?.();
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
});
