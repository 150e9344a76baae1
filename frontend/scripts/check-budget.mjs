// Fails the build when the JavaScript that index.html loads up front (the entry module and
// every chunk it modulepreloads) is over budget, gzipped. Route chunks load lazily and are
// reported but not counted.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.INITIAL_JS_BUDGET_KB ?? 300);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/?(assets\/[^"]+\.js)"/g)) {
  initial.add(m[1]);
}
if (initial.size === 0) {
  console.error('budget: no entry script found in dist/index.html');
  process.exit(1);
}
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
let total = 0;
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`budget: initial ${file} ${(size / 1024).toFixed(1)} KB gz`);
}
const lazy = readdirSync(join(dist, 'assets')).filter(
  (f) => f.endsWith('.js') && !initial.has(`assets/${f}`),
);
const largest = lazy
  .map((f) => [f, gz(`assets/${f}`)])
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5);
for (const [f, s] of largest)
  console.log(`budget: lazy    assets/${f} ${(s / 1024).toFixed(1)} KB gz`);
const kb = total / 1024;
console.log(`budget: initial JS ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error(`budget: over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
