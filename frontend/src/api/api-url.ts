import { env } from '@/config/env';

/** Absolute base for HTTP calls: the configured API origin or the page's own origin. */
export function apiOrigin(): string {
  return env.API_URL || window.location.origin;
}

export function wsUrl(path: string): string {
  if (env.WS_URL) return `${env.WS_URL.replace(/\/$/, '')}${path}`;
  const origin = new URL(apiOrigin());
  const scheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${origin.host}${path}`;
}
