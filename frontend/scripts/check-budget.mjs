// Fails the build when a page's up-front JavaScript is over budget, gzipped: for index.html and
// every pre-linked page under dist/pages/ (scripts/route-pages.ts), the scripts and module
// preloads its HTML names, with the chunks they import statically. The login page
// (pages/login.html, no app code) has a budget of its own. Lazy chunks a page loads later
// (a detail page's route, the charts) are reported, not counted.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.INITIAL_JS_BUDGET_KB ?? 300);
const LOGIN_BUDGET_KB = Number(process.env.LOGIN_JS_BUDGET_KB ?? 100);
// Pages allowed over BUDGET_KB, with the reason. The store wizard needs the form library, zod
// and the autocomplete on its first render (issue 17 leaves it over; docs/performance.md).
// A store's page (pages/stores/_.html) needs the same for its edit form; before it had a page
// of its own it loaded the same files, index.html's up front and its route's after; since store
// templates (issue 16) it also shows the store's template and whether it is behind (its chip and
// the templates' API: 1.5 KB; a chunk of their own for the two cost more, per-file overhead).
// The wizard (pages/stores/new.html) since plan before apply and the calendar (issue 16): its
// 'Provision now' shows the plan first (the dialog itself is loaded when opened; the wizard's
// code to open it, 0.3 KB) and the side menu names the calendar (0.3 KB on every page).
const EXCEPTIONS = { 'pages/stores/new.html': 311, 'pages/stores/_.html': 322 };
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

const gzCache = new Map();
const gz = (file) => {
  if (!gzCache.has(file)) {
    gzCache.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  }
  return gzCache.get(file);
};
/** Static imports of a chunk (`import ... from "./x.js"` at the top of rolldown's output). */
const importsOf = (file) =>
  [
    ...readFileSync(join(dist, file), 'utf8').matchAll(
      /(?:^|[;\n}])\s*import\s*(?:[^'"();]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    ),
  ].map((m) => `assets/${m[1]}`);

function pageScripts(html) {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    importsOf(file).forEach(visit);
  };
  for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/?(assets\/[^"]+\.js)"/g)) {
    visit(m[1]);
  }
  return files;
}

const pages = [join(dist, 'index.html')];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.name.endsWith('.html')) pages.push(join(dir, e.name));
  }
};
walk(join(dist, 'pages'));

let failed = false;
const counted = new Set();
for (const page of pages) {
  const name = relative(dist, page);
  const files = pageScripts(readFileSync(page, 'utf8'));
  if (files.size === 0) {
    console.error(`budget: no script found in dist/${name}`);
    failed = true;
    continue;
  }
  files.forEach((f) => counted.add(f));
  const kb = [...files].reduce((sum, f) => sum + gz(f), 0) / 1024;
  const budget = name === 'pages/login.html' ? LOGIN_BUDGET_KB : (EXCEPTIONS[name] ?? BUDGET_KB);
  const over = kb > budget;
  if (over) failed = true;
  console.log(
    `budget: ${name.padEnd(24)} ${kb.toFixed(1).padStart(6)} KB gz in ${files.size} files (budget ${budget} KB)${over ? ' OVER' : ''}`,
  );
}
const lazy = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js') && !counted.has(`assets/${f}`))
  .map((f) => [f, gz(`assets/${f}`)])
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5);
for (const [f, s] of lazy) console.log(`budget: lazy assets/${f} ${(s / 1024).toFixed(1)} KB gz`);
if (failed) {
  console.error('budget: a page is over its JavaScript budget (or has no script)');
  process.exit(1);
}
