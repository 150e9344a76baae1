// The entry point. The code every page needs is evaluated in slices, one task each, with a
// yield to the browser in between: evaluated as one module graph it was a single ~100 ms task
// (~400 ms on a mid-range phone) during which the page could not respond to input. The
// chunks are preloaded by index.html (scripts/route-pages.ts), so the slices cost no extra
// round trips; vite.config.ts groups each slice's modules into one chunk.
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function boot() {
  await import('@/boot/react');
  await yieldToBrowser();
  const ui = await import('@/boot/ui');
  await yieldToBrowser();
  ui.getTheme();
  await yieldToBrowser();
  await import('@/boot/router');
  await yieldToBrowser();
  await import('@/boot/data');
  await yieldToBrowser();
  const app = await import('@/app/start');
  const store = app.createAppStore();
  await yieldToBrowser();
  const router = app.createAppRouter(store);
  await yieldToBrowser();
  // The first Intl formatter costs ~15 ms to build (the locale's data): built here, in a task
  // of its own while the route code is arriving, rather than inside the first render.
  app.warmUpFormatters();
  await app.routerReady(router);
  await yieldToBrowser();
  app.render(store, router);
}

void boot();
