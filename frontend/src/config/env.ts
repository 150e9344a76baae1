// Build-time configuration (VITE_* variables), validated once at start-up with every problem
// reported at once. Plain checks rather than a schema library: this module is in the first
// chunk every page loads.
export interface Env {
  API_URL: string;
  WS_URL: string;
  APP_NAME: string;
  /** Refresh the access token this many seconds before it expires. */
  TOKEN_REFRESH_MARGIN_SECONDS: number;
  LIST_PAGE_SIZE: number;
}

type Problems = string[];

function text(
  raw: Record<string, unknown>,
  key: string,
  fallback: string,
  problems: Problems,
  check?: (v: string) => string | null,
): string {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'string') {
    problems.push(`VITE_${key}: must be a string`);
    return fallback;
  }
  const problem = check?.(value) ?? null;
  if (problem) problems.push(`VITE_${key}: ${problem}`);
  return value;
}

function integer(
  raw: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
  problems: Problems,
): number {
  const value = raw[key];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`VITE_${key}: must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return n;
}

export function parseEnv(all: Record<string, unknown>): Env {
  const raw = Object.fromEntries(
    Object.entries(all)
      .filter(([k]) => k.startsWith('VITE_'))
      .map(([k, v]) => [k.slice('VITE_'.length), v]),
  );
  const problems: Problems = [];
  const env: Env = {
    API_URL: text(raw, 'API_URL', '', problems, (v) =>
      v === '' || /^https?:\/\//.test(v) ? null : 'must be empty or an http(s) URL',
    ),
    WS_URL: text(raw, 'WS_URL', '', problems, (v) =>
      v === '' || /^wss?:\/\//.test(v) ? null : 'must be empty or a ws(s) URL',
    ),
    APP_NAME: text(raw, 'APP_NAME', 'Store Platform', problems, (v) =>
      v.length > 0 ? null : 'must not be empty',
    ),
    TOKEN_REFRESH_MARGIN_SECONDS: integer(
      raw,
      'TOKEN_REFRESH_MARGIN_SECONDS',
      60,
      5,
      600,
      problems,
    ),
    LIST_PAGE_SIZE: integer(raw, 'LIST_PAGE_SIZE', 100, 1, 100, problems),
  };
  if (problems.length) throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  return env;
}

export const env = parseEnv(import.meta.env);
