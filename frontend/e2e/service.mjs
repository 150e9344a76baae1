// The real store-service binary on a free port with a fresh data directory, and a tiny JSON
// client for its API. Shared by the browser tests (run.mjs), the README screenshot
// (readme-screenshot.mjs) and the Lighthouse script (../../bench/lighthouse/run.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts `bin serve --port 0 --data-dir <fresh> --static-dir <staticDir>` and resolves once
 * the service logs its JSON `"msg":"listening"` line with the port it bound.
 */
export async function startService({ bin, staticDir, env = {}, prefix = 'store-e2e-' }) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const child = spawn(
    bin,
    ['serve', '--port', '0', '--data-dir', dataDir, '--static-dir', staticDir],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logs = [];
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`service did not start:\n${logs.join('')}`)),
      20000,
    );
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      logs.push(String(d));
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const j = JSON.parse(line);
          if (j.msg === 'listening' && typeof j.port === 'number') {
            clearTimeout(timer);
            res(j.port);
          }
        } catch {
          // not JSON
        }
      }
    });
    child.stderr.on('data', (d) => logs.push(String(d)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`service exited with ${code}:\n${logs.join('')}`));
    });
  }).catch((e) => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  child.removeAllListeners('exit');
  return {
    base: `http://127.0.0.1:${port}`,
    logs,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One JSON request; resolves to `{status, json, headers}` whatever the status. */
export async function api(base, token, method, path, body, headers = {}) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}
