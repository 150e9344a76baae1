// Renders build/bench/results.jsonl (written by bench/run.sh) as Markdown tables on stdout.
// Usage: node bench/report.mjs build/bench/results.jsonl
import fs from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/report.mjs RESULTS.jsonl');
  process.exit(2);
}
const rows = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
const meta = rows.find((r) => r.kind === 'meta') ?? {};
const metaEnd = rows.find((r) => r.kind === 'meta_end') ?? {};
const of = (kind) => rows.filter((r) => r.kind === kind);

const ms = (us) => (us === undefined ? '–' : (us / 1000).toFixed(us < 10000 ? 2 : 1));
const num = (x) => (x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
const pct = (x) => (x === undefined || !isFinite(x) ? '–' : `${(x * 100).toFixed(0)} %`);
const per1k = (cpu, n) => (!n ? '–' : ((cpu * 1000) / n).toFixed(3));
const errors = (r) =>
  (r.err_status ?? 0) + (r.err_connect ?? 0) + (r.err_read ?? 0) + (r.err_write ?? 0) +
  (r.err_timeout ?? 0) + (r.err_other ?? 0);
const table = (head, body) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((b) => `| ${b.join(' | ')} |`)].join('\n');
const LABEL = {
  get_store: 'GET /api/stores/{id}',
  list_page: 'GET /api/stores?pageSize=100',
  create_store: 'POST /api/stores',
};
const modes = [...new Set(of('wrk').map((r) => r.mode))];
const find = (kind, mode, scenario, target, variant) =>
  rows.find((r) => r.kind === kind && r.mode === mode && r.scenario === scenario && r.target === target &&
    (variant === undefined || r.variant === variant));

const out = [];
out.push(`# store-service benchmark results`);
out.push('');
out.push(
  `Measured ${meta.date ?? '?'} at commit ${meta.commit ?? "?"} (binary sha256 ${meta.binary_sha256 ?? "?"}…) on ${meta.cpus ?? '?'} × ${meta.cpu_model ?? '?'}; ` +
    `load average before ${meta.load_before ?? '?'}, after ${metaEnd.load_after ?? '?'}. ` +
    `wrk: ${meta.threads} threads, ${meta.connections} connections, ${meta.seconds} s per run; ` +
    `hey: ${meta.hey_concurrency} workers × ${meta.hey_qps} req/s for ${meta.hey_seconds} s; ` +
    `${num(meta.stores)} seeded stores. The load generator, the service, PostgreSQL and nginx share the machine: ` +
    `quote the service/nginx ratios, not the absolute rates.`,
);
out.push('');
out.push('## Throughput and latency under saturation (wrk)');
out.push('');
const wrkBody = [];
for (const mode of modes) {
  for (const variant of ['cache', 'nocache']) {
    for (const scenario of ['get_store', 'list_page', 'create_store']) {
      const s = find('wrk', mode, scenario, 'service', variant);
      if (!s) continue;
      const n = find('wrk', mode, scenario, 'nginx', 'cache');
      wrkBody.push([
        mode,
        LABEL[scenario],
        variant === 'cache' ? 'on' : 'off',
        num(s.rps),
        n ? num(n.rps) : '–',
        n ? pct(s.rps / n.rps) : '–',
        ms(s.p50_us),
        ms(s.p99_us),
        n ? ms(n.p50_us) : '–',
        n ? ms(n.p99_us) : '–',
        String(errors(s)),
        per1k(s.svc_cpu_s, s.requests),
        n ? per1k(n.nginx_cpu_s, n.requests) : '–',
        mode === 'postgres' ? per1k(s.pg_cpu_s, s.requests) : '–',
      ]);
    }
  }
}
out.push(
  table(
    ['db', 'request', 'cache', 'service req/s', 'nginx req/s', 'service/nginx', 'svc p50 ms', 'svc p99 ms',
      'nginx p50 ms', 'nginx p99 ms', 'svc errors', 'svc CPU s/1k req', 'nginx CPU s/1k req', 'PG CPU s/1k req'],
    wrkBody,
  ),
);
out.push('');
out.push('"cache off" rows: the service restarted with CACHE_MAX_STORES=0 CACHE_MAX_PAGES=0, compared with the same');
out.push('mode\'s nginx run. "errors" counts non-2xx answers and socket errors/timeouts. CPU is utime+stime from /proc.');
out.push('');
out.push(`## Latency at a fixed rate (hey, ${num((meta.hey_concurrency ?? 0) * (meta.hey_qps ?? 0))} req/s offered)`);
out.push('');
const heyBody = [];
for (const mode of modes) {
  for (const variant of ['cache', 'nocache']) {
    for (const scenario of ['get_store', 'list_page']) {
      for (const target of ['service', 'nginx']) {
        const r = find('hey', mode, scenario, target, variant);
        if (!r) continue;
        heyBody.push([
          mode,
          LABEL[scenario],
          variant === 'cache' ? 'on' : 'off',
          target,
          num(r.rps),
          ms(r.p50_us),
          ms(r.p90_us),
          ms(r.p99_us),
          ms(r.max_us),
          String(errors(r)),
          per1k(target === 'service' ? r.svc_cpu_s : r.nginx_cpu_s, r.requests),
          mode === 'postgres' && target === 'service' ? per1k(r.pg_cpu_s, r.requests) : '–',
        ]);
      }
    }
  }
}
out.push(
  table(['db', 'request', 'cache', 'target', 'achieved req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors',
    'CPU s/1k req', 'PG CPU s/1k req'], heyBody),
);
out.push('');
out.push('## Memory of the service (VmRSS)');
out.push('');
const phases = ['idle_after_start', 'after_seed', 'after_reads', 'after_writes'];
out.push(
  table(
    ['db', 'idle after start', 'after seeding', 'after the read runs', 'after the write run'],
    modes.map((mode) => [
      mode,
      ...phases.map((p) => {
        const r = rows.find((x) => x.kind === 'mem' && x.mode === mode && x.phase === p);
        return r ? `${(r.rss_kb / 1024).toFixed(1)} MiB` : '–';
      }),
    ]),
  ),
);
out.push('');
out.push('"after the write run" is a fresh process in modes that also ran with the cache off.');
out.push('');
out.push('## Seeding (bench/seed.mjs, 16 concurrent keep-alive connections)');
out.push('');
out.push(
  table(
    ['db', 'stores', 'seconds', 'stores/s', 'svc CPU s/1k', 'PG CPU s/1k', 'store JSON bytes', 'avg page bytes'],
    of('seed').map((r) => [
      r.mode, num(r.seeded), r.seedSeconds.toFixed(1), num(r.seedRate), per1k(r.svc_cpu_s, r.seeded),
      r.mode === 'postgres' ? per1k(r.pg_cpu_s, r.seeded) : '–', num(r.storeBytes), num(r.avgPageBytes),
    ]),
  ),
);
out.push('');
out.push('## Aims of the issue');
out.push('');
const aims = [];
for (const mode of modes) {
  const s = find('wrk', mode, 'get_store', 'service', 'cache');
  const n = find('wrk', mode, 'get_store', 'nginx', 'cache');
  if (s && n) {
    const ratio = s.rps / n.rps;
    aims.push([`single-store reads ≥ 50 % of nginx (${mode})`, pct(ratio), ratio >= 0.5 ? 'met' : 'NOT met']);
  }
}
for (const variant of ['cache', 'nocache']) {
  const s = find('wrk', 'postgres', 'list_page', 'service', variant);
  if (s) {
    const ok = s.rps >= 5000 && s.p99_us < 50000;
    aims.push([
      `100-store page ≥ 5,000 req/s with p99 < 50 ms on PostgreSQL (cache ${variant === 'cache' ? 'on' : 'off'})`,
      `${num(s.rps)} req/s, p99 ${ms(s.p99_us)} ms`,
      ok ? 'met' : 'NOT met',
    ]);
  }
}
for (const mode of modes) {
  const r = rows.find((x) => x.kind === 'mem' && x.mode === mode && x.phase === 'idle_after_start');
  if (r) {
    const mib = r.rss_kb / 1024;
    aims.push([`idle memory < 50 MB (${mode})`, `${mib.toFixed(1)} MiB`, r.rss_kb * 1024 < 50e6 ? 'met' : 'NOT met']);
  }
}
out.push(table(['aim', 'measured', 'verdict'], aims));
const logs = of('log');
if (logs.length) {
  out.push('');
  out.push('## Warnings and errors in the service logs');
  out.push('');
  for (const l of logs) out.push(`- ${l.mode} ${l.log}: ${l.problems} lines, e.g. \`${l.sample.slice(0, 300)}\``);
}
console.log(out.join('\n'));
