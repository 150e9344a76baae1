// A redis-server of a test's own, started by scripts/start-redis.sh on a free loopback port
// without persistence; the test can SIGKILL it and start it again on the same port.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './harness.mjs';

/** A redis-server of our own (no persistence) that the test can kill and restart. */
export class RedisProcess {
  static start() {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'api-redis-'));
    const redis = new RedisProcess(path.join(parent, 'redis'), parent);
    redis.url = redis.run('start-redis.sh', [redis.dir]);
    redis.port = Number(/:(\d+)\/\d+$/.exec(redis.url)[1]);
    process.on('exit', () => redis.stop());
    return redis;
  }

  constructor(dir, parent) {
    this.dir = dir;
    this.parent = parent;
  }

  run(script, args) {
    const result = spawnSync(path.join(REPO_ROOT, 'scripts', script), args, {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0) {
      throw new Error(`${script} failed: ${result.stderr}`);
    }
    return result.stdout.trim();
  }

  /** SIGKILL: no shutdown, no goodbye to the clients. */
  kill() {
    process.kill(Number(readFileSync(path.join(this.dir, 'redis.pid'), 'utf8')), 'SIGKILL');
  }

  /** A fresh, empty server on the same port. */
  restart() {
    this.run('start-redis.sh', [this.dir, String(this.port)]);
  }

  cli(...args) {
    const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), ...args], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    return result.stdout.trim();
  }

  stop() {
    spawnSync(path.join(REPO_ROOT, 'scripts/stop-redis.sh'), [this.dir], { timeout: 30_000 });
    rmSync(this.parent, { recursive: true, force: true });
  }
}
