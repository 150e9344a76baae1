// The streaming-replication cluster of scripts/start-pg-cluster.sh, seen from a test: start,
// psql, kill -9 a postmaster, promote a standby, stop. Loopback only, bounded in time.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from '../api/harness.mjs';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function run(command, args, { timeout = 120_000 } = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout.trim();
}

/** Runs a PostgreSQL tool as the postgres user when we are root (pg_ctl refuses root). */
function asPostgres(tool, args, options) {
  const binary = path.join(PG_BIN, tool);
  return process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', binary, ...args], options)
    : run(binary, args, options);
}

export class Cluster {
  /** Starts a primary and `replicas` streaming replicas (one synchronous). */
  static start({ replicas = 2 } = {}) {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'pg-cluster-'));
    chmodSync(parent, 0o755);
    const dir = path.join(parent, 'c');
    const output = run(path.join(REPO_ROOT, 'scripts/start-pg-cluster.sh'), [dir, String(replicas)]);
    const values = Object.fromEntries(
      output.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    return new Cluster(parent, values);
  }

  constructor(parent, values) {
    this.parent = parent;
    this.dir = values.DATA;
    this.primaryPort = Number(values.PRIMARY_PORT);
    this.replicaPorts = values.REPLICA_PORTS ? values.REPLICA_PORTS.split(',').map(Number) : [];
    this.multiUrl = values.MULTI_URL;
    this.replicaUrls = values.REPLICA_URLS;
  }

  /** psql against a port; returns the unaligned output. */
  psql(port, sql, database = 'store') {
    return run('psql', [`postgresql://postgres@127.0.0.1:${port}/${database}`, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { timeout: 30_000 });
  }

  /** The name (replicaN) of the standby the primary now waits for. */
  syncStandby() {
    return this.psql(this.primaryPort, "SELECT application_name FROM pg_stat_replication WHERE sync_state = 'sync'", 'postgres');
  }

  portOf(name) {
    return name === 'primary' ? this.primaryPort : this.replicaPorts[Number(name.replace('replica', '')) - 1];
  }

  /** kill -9 of the postmaster of `name` (its backends exit on their own). */
  killPostmaster(name = 'primary') {
    const pid = Number(readFileSync(path.join(this.dir, name, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  /** pg_ctl promote, waiting until the standby accepts writes. */
  promote(name) {
    asPostgres('pg_ctl', ['-D', path.join(this.dir, name), '-w', '-t', '60', 'promote']);
  }

  stop() {
    spawnSync(path.join(REPO_ROOT, 'scripts/stop-pg-cluster.sh'), [this.dir], { timeout: 60_000 });
    rmSync(this.parent, { recursive: true, force: true });
  }
}
