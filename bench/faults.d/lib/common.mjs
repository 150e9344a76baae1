// Shared by the fault hooks of bench/faults.d (redis.sh, vault.sh): a timed HTTP client that
// counts every request of the load, a poller of one breaker in GET /api/system/health, the
// bookkeeping of started processes (so the hook's trap can end them), and the FAULT_RESULT line.
import { appendFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REQUEST_TIMEOUT_MS = 10_000;

/** Options: --name value pairs from argv. */
export function args(defaults) {
  const options = { ...defaults };
  for (let i = 2; i < process.argv.length; i += 2) {
    const name = process.argv[i].replace(/^--/, '');
    if (!(name in options)) throw new Error(`unknown option --${name}`);
    options[name] = typeof defaults[name] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
  }
  return options;
}

/**
 * Records the pid of a process we started in WORK/pids, for the hook's trap, and ends it when
 * this process is told to stop (SIGTERM from `timeout`, SIGINT).
 */
const children = [];
export function own(work, child) {
  children.push(child);
  if (work) appendFileSync(path.join(work, 'pids'), `${child.pid}\n`);
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    for (const child of children) {
      try { child.kill('SIGKILL'); } catch { /* already gone */ }
    }
    console.error(`fault run ended by ${signal}`);
    process.exit(1);
  });
}

/**
 * The load's HTTP client: every call is counted in `stats` (sent, ok, errors by status) with a
 * deadline, so a hung service counts as an error instead of stalling the load.
 */
export function loadClient(base, token) {
  const stats = { sent: 0, ok: 0, errors: 0, statuses: {}, errorSamples: [] };
  const call = async (method, url, { json, headers = {} } = {}) => {
    stats.sent += 1;
    const start = Date.now();
    try {
      const raw = await fetch(base + url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: json !== undefined ? JSON.stringify(json) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await raw.text();
      let body = null;
      try { body = text ? JSON.parse(text) : null; } catch { body = text; }
      stats.statuses[raw.status] = (stats.statuses[raw.status] ?? 0) + 1;
      if (raw.status >= 200 && raw.status < 300) {
        stats.ok += 1;
      } else {
        stats.errors += 1;
        if (stats.errorSamples.length < 5) stats.errorSamples.push(`${method} ${url} ${raw.status} ${text.slice(0, 200)}`);
      }
      return { status: raw.status, headers: raw.headers, body, start, end: Date.now() };
    } catch (error) {
      stats.errors += 1;
      const key = error.name === 'TimeoutError' ? 'timeout' : 'network';
      stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
      if (stats.errorSamples.length < 5) stats.errorSamples.push(`${method} ${url} ${key} ${error.message}`);
      return null;
    }
  };
  return { stats, call };
}

/**
 * Polls GET /api/system/health every `intervalMs` (outside the load's counts) and records each
 * state of the breaker `name` with the time it was first seen (Date.now()).
 */
export function watchBreaker(admin, name, { intervalMs = 50 } = {}) {
  const transitions = [];
  let running = true;
  let last = null;
  const loop = (async () => {
    while (running) {
      const health = await admin.get('/api/system/health').catch(() => null);
      const dependency = health?.body?.dependencies?.find((d) => d.name === name);
      const state = dependency?.state ?? (health ? 'absent' : 'unreachable');
      if (state !== last) {
        transitions.push({ state, at: Date.now() });
        last = state;
      }
      await sleep(intervalMs);
    }
  })();
  return {
    transitions,
    get state() { return last; },
    /** First time `state` was seen at or after `since`, or null. */
    firstAt(state, since) {
      return transitions.find((t) => t.state === state && t.at >= since)?.at ?? null;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** Polls `probe` every `intervalMs` until truthy; returns its value, or null after `timeoutMs`. */
export async function poll(probe, timeoutMs, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) return null;
    await sleep(intervalMs);
  }
}

/** The longest stretch between `from` and `to` without any of `times` (sorted or not). */
export function longestGap(times, from, to) {
  const inside = times.filter((t) => t >= from && t <= to).sort((a, b) => a - b);
  let gap = 0;
  let previous = from;
  for (const t of [...inside, to]) {
    gap = Math.max(gap, t - previous);
    previous = t;
  }
  return Math.round(gap);
}

/** Prints the scenario's FAULT_RESULT line (bench/faults.sh collects it). */
export function report(result) {
  // Synchronous, in one write: stdout and stderr share the hook's log file, and a line broken
  // by an error message (or lost at process.exit) would not parse.
  writeSync(1, `FAULT_RESULT ${JSON.stringify(result)}\n`);
}

/** Prints a problem found by the run (synchronously, like the result). */
export function problem(text) {
  writeSync(2, `${text}\n`);
}

/** The store_cache_hits{result="hit"} counter of /metrics. */
export async function cacheHits(admin) {
  const response = await admin.get('/metrics');
  const match = /^store_cache_hits\{result="hit"\} (\S+)$/m.exec(response.text ?? '');
  return match ? Number(match[1]) : NaN;
}
