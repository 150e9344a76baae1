// Vite plugin: writes dist/pages/<path>.html for the app's top-level URLs — index.html plus
// <link rel="modulepreload"> for the code of that URL's route (the lazy route chunks and
// every chunk they import statically). store-service answers a navigation to such a URL with
// its page (server/src/http/static_files.cpp), so the browser fetches the route's code
// together with the entry instead of after it has run: one round of requests, not two.
// A "_" last segment stands for any one segment: store-service answers /stores/<id> with
// pages/stores/_.html (a store's page). Other URLs get the plain index.html.
// /login is different: its page is the pre-rendered login.html (no app code at all), moved to
// dist/pages/login.html here and given the list of the app's start-up files to prefetch once
// the user starts on the form (src/login/sign-in.ts).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import type { Plugin } from 'vite';

type Bundle = Parameters<
  NonNullable<Extract<Plugin['writeBundle'], (...a: never[]) => unknown>>
>[1];

/**
 * URL → the route modules React Router loads for it (src/app/router.tsx). The build fails when
 * one of them is no longer a chunk of its own (no longer a lazy route).
 */
/** The start-up slices src/main.tsx imports one after the other: every page preloads them. */
export const BOOT_MODULES = [
  'src/boot/react.ts',
  'src/boot/ui.ts',
  'src/boot/router.ts',
  'src/boot/data.ts',
  'src/app/start.tsx',
];

export const ROUTE_PAGES: Record<string, string[]> = {
  '/': ['src/app/routes/app-root.tsx', 'src/app/routes/dashboard.tsx'],
  '/stores': ['src/app/routes/app-root.tsx', 'src/app/routes/stores.tsx'],
  '/stores/new': ['src/app/routes/app-root.tsx', 'src/app/routes/store-new.tsx'],
  '/stores/_': ['src/app/routes/app-root.tsx', 'src/app/routes/store-detail.tsx'],
  '/templates': ['src/app/routes/app-root.tsx', 'src/app/routes/templates.tsx'],
  '/templates/_': ['src/app/routes/app-root.tsx', 'src/app/routes/template-detail.tsx'],
  '/calendar': ['src/app/routes/app-root.tsx', 'src/app/routes/calendar.tsx'],
  '/rollouts': ['src/app/routes/app-root.tsx', 'src/app/routes/rollouts.tsx'],
  '/rollouts/_': ['src/app/routes/app-root.tsx', 'src/app/routes/rollout-detail.tsx'],
  '/monitoring': ['src/app/routes/app-root.tsx', 'src/app/routes/monitoring.tsx'],
  '/users': ['src/app/routes/app-root.tsx', 'src/app/routes/users.tsx'],
  '/inventory': ['src/app/routes/app-root.tsx', 'src/app/routes/inventory.tsx'],
  '/pools': ['src/app/routes/app-root.tsx', 'src/app/routes/pools.tsx'],
  '/activity': ['src/app/routes/app-root.tsx', 'src/app/routes/activity.tsx'],
};

/**
 * The title and subtitle of each pre-linked page (its route's PageHeader): the page's HTML
 * shows them in its pre-rendered shell (see shell below), before any script has run. The build
 * fails when the route's code no longer contains them. A store's page has none (its title is
 * the store's), so its shell is the bar and the header's room only.
 */
export const PAGE_TITLES: Record<string, [title: string, subtitle: string]> = {
  '/': ['Overview', 'The state of every store, live.'],
  '/stores': ['Stores', 'Search, filter and act on stores. The view is kept in the address bar.'],
  '/stores/new': ['New store', 'Basic info, hardware and network — then review and create.'],
  '/templates': [
    'Templates',
    'Store profiles to create stores from by the dozen, and to keep their plans up to date.',
  ],
  '/calendar': [
    'Go-live calendar',
    'Planned openings by date, and whether the pools and the stock will serve them.',
  ],
  '/rollouts': [
    'Rollouts',
    'Stores provisioned or decommissioned in waves, live: a canary, then batches.',
  ],
  '/monitoring': ['Monitoring', 'Dependencies, circuit breakers and alerts.'],
  '/users': ['Users', 'Who can sign in, and what they may do.'],
  '/inventory': ['Inventory', 'Hardware models and the stock provisioning allocates to stores.'],
  '/pools': [
    'Address pools',
    'The networks provisioning carves store segments from, and how full each one is.',
  ],
  '/activity': ['Activity', 'Everything that changed, who changed it and when, newest first.'],
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The splash in index.html's #root, which a pre-linked page replaces with its shell. */
const SPLASH =
  /<div class="boot" role="progressbar"[^>]*>([\s\S]*?<svg[\s\S]*?<\/svg>)[\s\S]*?<\/span>\s*<div class="boot-bar"><\/div>\s*<\/div>/;

/**
 * A signed-in page's shell as plain HTML (its CSS is in index.html): the app bar with the
 * brand (a side panel from 900 px), the room the header takes, and the page's title and
 * subtitle. First paint and the largest text come from the HTML; React's first commit (once
 * the route's code is in: src/app/start.tsx) replaces it with the same layout.
 */
export function shell(html: string, titles: [string, string] | undefined): string {
  const m = SPLASH.exec(html);
  if (!m) throw new Error('route-pages: no splash in index.html to replace');
  const mark = m[1].replace(/^[\s\S]*?(<svg)/, '$1');
  const heading = titles
    ? `<h1>${escapeHtml(titles[0])}</h1><div class="shell-sub">${escapeHtml(titles[1])}</div>`
    : '';
  return html.replace(
    m[0],
    `<div class="shell" aria-busy="true"><div class="shell-bar">${mark}<div><p>Store Platform</p><p>Provisioning</p></div></div>` +
      `<div class="shell-main"><div class="shell-header"></div>${heading}</div></div>`,
  );
}

/** The pre-rendered login page: Vite's output of login.html, served for this URL. */
export const LOGIN_PATH = '/login';

/** The script and module-preload URLs a page's HTML loads, in document order. */
export function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
}

/** The page file for a URL path: "/" → "pages/index.html", "/stores/new" → "pages/stores/new.html". */
export function pageFile(path: string): string {
  return path === '/' ? 'pages/index.html' : `pages${path}.html`;
}

/** Chunk file names to preload for the given route modules, in a stable order. */
export function chunksFor(modules: string[], bundle: Bundle, root: string): string[] {
  const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const wanted = new Set<string>();
  const visit = (file: string) => {
    if (wanted.has(file)) return;
    const chunk = byFile.get(file);
    if (!chunk || chunk.isEntry) return; // the entry and its imports are in index.html already
    wanted.add(file);
    chunk.imports.forEach(visit);
  };
  for (const m of modules) {
    const id = resolve(root, m);
    const chunk = chunks.find((c) => c.facadeModuleId === id || c.moduleIds.includes(id));
    if (!chunk) throw new Error(`route-pages: no chunk for ${m} (is it still a lazy route?)`);
    visit(chunk.fileName);
  }
  // What index.html's entry imports statically is in the page already (Vite links it). Only
  // that entry's: what the login page's entry imports (the sign-in chunk, which the app's
  // start-up imports too) is not, and left out it would be fetched a round later.
  const index = chunks.find((c) => c.isEntry && c.facadeModuleId === resolve(root, 'index.html'));
  if (!index) throw new Error('route-pages: no entry chunk for index.html');
  const initial = new Set<string>();
  const mark = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    byFile.get(file)?.imports.forEach(mark);
  };
  mark(index.fileName);
  return [...wanted].filter((f) => !initial.has(f));
}

/** The built code of the chunk that holds a module. */
function codeOf(module: string, bundle: Bundle, root: string): string {
  const id = resolve(root, module);
  for (const c of Object.values(bundle)) {
    if (c.type === 'chunk' && (c.facadeModuleId === id || c.moduleIds.includes(id))) return c.code;
  }
  throw new Error(`route-pages: no chunk for ${module}`);
}

/**
 * The app's code at low fetch priority: the first paint is the splash in the HTML and needs
 * none of it (module scripts run after parsing anyway). Without the hint, Chrome fetches module
 * scripts at high priority and Lighthouse counts them as render-blocking for First Contentful
 * Paint. There is nothing else on the page for them to compete with.
 */
function lowPriority(html: string): string {
  return html
    .replace(
      /<script type="module" crossorigin src=/g,
      '<script type="module" crossorigin fetchpriority="low" src=',
    )
    .replace(
      /<link rel="modulepreload" crossorigin href=/g,
      '<link rel="modulepreload" crossorigin fetchpriority="low" href=',
    );
}

export function routePages(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  let base = '/';
  return {
    name: 'store-platform:route-pages',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
      base = config.base;
    },
    writeBundle(_options, bundle) {
      const indexFile = join(outDir, 'index.html');
      const html = lowPriority(readFileSync(indexFile, 'utf8'));
      const withPreloads = (modules: string[]) => {
        const links = chunksFor(modules, bundle, root)
          .filter((f) => !html.includes(`${base}${f}"`))
          .map(
            (f) =>
              `    <link rel="modulepreload" crossorigin fetchpriority="low" href="${base}${f}">`,
          )
          .join('\n');
        return html.replace('</head>', `${links}\n  </head>`);
      };
      const index = withPreloads(BOOT_MODULES);
      writeFileSync(indexFile, index);
      for (const [path, modules] of Object.entries(ROUTE_PAGES)) {
        const titles = PAGE_TITLES[path];
        const route = modules[modules.length - 1];
        if (titles && !titles.every((t) => codeOf(route, bundle, root).includes(t))) {
          throw new Error(`route-pages: ${route} no longer has the title "${titles.join('", "')}"`);
        }
        const file = join(outDir, pageFile(path));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, shell(withPreloads([...BOOT_MODULES, ...modules]), titles));
      }
      // The login page: prefetches (on first focus) what the dashboard's page loads.
      const loginFile = join(outDir, 'login.html');
      const dashboard = readFileSync(join(outDir, pageFile('/')), 'utf8');
      const login = readFileSync(loginFile, 'utf8').replace(
        '<form id="sign-in"',
        `<form id="sign-in" data-prefetch="${scriptsOf(dashboard).join(' ')}"`,
      );
      if (!login.includes('data-prefetch=')) throw new Error('route-pages: no form in login.html');
      const loginPage = join(outDir, pageFile(LOGIN_PATH));
      mkdirSync(dirname(loginPage), { recursive: true });
      writeFileSync(loginPage, login);
      rmSync(loginFile);
    },
  };
}
