import { fileURLToPath, URL } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig, type ConfigEnv, type UserConfig } from 'vite';

import { routePages } from './scripts/route-pages';

// The C++ store-service serves dist/ itself: hashed files under /assets/ are cached for a
// year, index.html never. In development the Vite server proxies the API (and its
// WebSocket) to a locally running service.
const backend = process.env.STORE_SERVICE_URL ?? 'http://localhost:8080';

// React Router's package exports only its development build (extra checks and warnings);
// production bundles take the production build it ships next to it.
const reactRouterProduction = (file: string) =>
  fileURLToPath(new URL(`./node_modules/react-router/dist/production/${file}`, import.meta.url));

/** Modules the `shared` chunk leaves out (see build.rolldownOptions below). */
const HEAVY_OR_RARE = new RegExp(
  [
    String.raw`node_modules[\/](recharts|d3-|victory|es-toolkit|decimal\.js|@mui[\/]x-|reselect|immer|redux)`,
    String.raw`@mui[\/]material[\/](esm[\/])?(Autocomplete|useAutocomplete|Step\w*|Stepper|ToggleButton\w*)[\/]`,
  ].join('|'),
);

/**
 * The login page's own modules (its entry, login.html) and what Vite adds to every page (the
 * module-preload polyfill): never part of an app chunk the login page would then load.
 */
const LOGIN_PAGE = /src[\\/]login[\\/]|modulepreload-polyfill/;

export default defineConfig(({ mode }: ConfigEnv): UserConfig => ({
  base: '/',
  plugins: [react(), routePages()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      ...(mode === 'production'
        ? [
            { find: /^react-router$/, replacement: reactRouterProduction('index.mjs') },
            { find: /^react-router\/dom$/, replacement: reactRouterProduction('dom-export.mjs') },
          ]
        : []),
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: true, ws: true },
      '/health': { target: backend, changeOrigin: true },
      '/metrics': { target: backend, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      // Two pages: the app (index.html) and the pre-rendered login page (login.html, served
      // for /login as dist/pages/login.html — see scripts/route-pages.ts).
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        login: fileURLToPath(new URL('./login.html', import.meta.url)),
      },
      output: {
        // One chunk per page of shared code instead of dozens of small ones: on a slow mobile
        // link every extra request costs a round trip (HTTP/1.1, six connections). A group
        // takes its route module and everything it imports that the entry does not.
        codeSplitting: {
          groups: [
            // Vite's dynamic-import helper, which the entry needs first: left to the groups
            // below it would land in a slice, and the entry would import that slice statically.
            { name: 'preload-helper', test: /preload-helper/, priority: 60 },
            // What the login page's script shares with the app (the session's storage, the
            // paths, problem+json, the form's words): a small chunk of its own, so that the
            // login page never pulls in a group made for the app.
            {
              name: 'sign-in',
              test: /src[\\/](lib[\\/]auth-storage|config[\\/]paths|api[\\/]problem|features[\\/]auth[\\/]login-text)\.ts/,
              includeDependenciesRecursively: false,
              priority: 55,
            },
            // The start-up slices of src/main.tsx, each with what it imports and the previous
            // slices do not: React, then Material UI and the theme, then the router, then Redux,
            // then the app's own start.
            { name: 'boot-react', test: /src[\\/]boot[\\/]react\.ts/, priority: 50 },
            { name: 'boot-ui', test: /src[\\/]boot[\\/]ui\.ts/, priority: 45 },
            { name: 'boot-router', test: /src[\\/]boot[\\/]router\.ts/, priority: 42 },
            { name: 'boot-data', test: /src[\\/]boot[\\/]data\.ts/, priority: 40 },
            { name: 'boot-start', test: /src[\\/]app[\\/]start\.tsx/, priority: 35 },
            // Validation: zod, react-hook-form and the schemas (login, the store forms, users).
            // Not the new-rollout form's schema: it stays in its dialog's lazy chunk, off the
            // pages that load this group up front (the wizard, a store's page).
            {
              name: 'validation',
              test: /node_modules[\\/](zod|react-hook-form|@hookform)[\\/]|src[\\/]lib[\\/]zod\.ts|src[\\/]features[\\/](?!rollouts[\\/])[^\\/]+[\\/]schemas[\\/]/,
              includeDependenciesRecursively: false,
              priority: 34,
            },
            // What the login page shares with the signed-in shell: the brand and the auth API.
            {
              name: 'auth',
              test: /src[\\/](components[\\/]layout[\\/]brand|features[\\/]auth[\\/]api[\\/])/,
              includeDependenciesRecursively: false,
              priority: 33,
            },
            {
              name: 'app-shell',
              test: /src[\\/](app[\\/]routes[\\/]app-root|components[\\/]layout[\\/])/,
              priority: 30,
            },
            // The store wizard's and the edit form's fields, which only those two pages use (and
            // the template dialogs, loaded when opened).
            {
              name: 'store-forms',
              test: /src[\\/]features[\\/]stores[\\/](components[\\/](store-basics-fields|hardware-plan-fields|network-plan-fields|form-text-field|tags-field|store-type-field|leave-guard-dialog|store-summary)|utils[\\/]store-form-mapping|hooks[\\/]use-store-form-schema)|src[\\/]hooks[\\/]use-unsaved-changes/,
              includeDependenciesRecursively: false,
              priority: 28,
            },
            // The go-live calendar's API and words, which the dashboard's forecast warning
            // shares with the calendar page: theirs alone, not every page's.
            {
              name: 'planning',
              test: /src[\\/]features[\\/]planning[\\/](api[\\/]|utils[\\/]shortages)/,
              includeDependenciesRecursively: false,
              priority: 26,
            },
            // What the two rollout pages and the new-rollout dialog (loaded when opened, also
            // from the store list) share: the API, the rules and the status chips and bar. In
            // `shared` every page would load them.
            {
              name: 'rollouts',
              test: /src[\\/]features[\\/]rollouts[\\/](api[\\/]|utils[\\/]|components[\\/]rollout-status)/,
              includeDependenciesRecursively: false,
              priority: 26,
            },
            // The list pages' filter fields and the CSV import dialog (the store list, the
            // inventory, the rollouts): in `shared` the store page and the wizard, at their
            // budgets, would load them too.
            {
              name: 'list-tools',
              test: /src[\\/]components[\\/]ui[\\/](filter-fields|csv-import-dialog)/,
              includeDependenciesRecursively: false,
              priority: 26,
            },
            // A bundle file's diff: the store page's version comparison and the provisioning
            // plan (a dialog loaded when opened) show it. In `shared` every page would load it.
            {
              name: 'bundle-diff',
              test: /src[\\/]features[\\/]provisioning[\\/]components[\\/]file-diff/,
              includeDependenciesRecursively: false,
              priority: 26,
            },
            // Code two or more pages use (fields, dialogs, tables, ...). The chart and data-grid
            // libraries stay in their own lazy chunks, and so do the wizard's and the edit
            // form's autocomplete and stepper, which only those two pages need.
            {
              name: 'shared',
              test: (id: string) => !HEAVY_OR_RARE.test(id) && !LOGIN_PAGE.test(id),
              minShareCount: 2,
              // Not what those modules import in turn: through Material UI's index the group
              // would otherwise take the autocomplete (12 KB gzipped) into every page.
              includeDependenciesRecursively: false,
              priority: 25,
            },
            { name: 'page-dashboard', test: /src[\\/]app[\\/]routes[\\/]dashboard/, priority: 20 },
            { name: 'page-stores', test: /src[\\/]app[\\/]routes[\\/]stores\.tsx/, priority: 20 },
            { name: 'page-login', test: /src[\\/]app[\\/]routes[\\/]login/, priority: 20 },
          ],
        },
      },
    },
  },
}));
