import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';

import { AppProvider } from '@/app/provider';
import { createAppRouter } from '@/app/router';
import { createAppStore, type AppStore } from '@/app/store';
import { warmUpFormatters } from '@/utils/format';

export { createAppRouter, createAppStore };

/**
 * Once the router has its first match (the route's code is in: a pre-linked page preloads it),
 * so that React's first commit is the shell and not the splash: a pre-linked page's HTML
 * already shows the shell (scripts/route-pages.ts), and the splash in between would flash.
 */
export function routerReady(router: ReturnType<typeof createAppRouter>): Promise<void> {
  if (router.state.initialized) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = router.subscribe((state) => {
      if (!state.initialized) return;
      unsubscribe();
      resolve();
    });
  });
}

/** Renders the app into #root (over the splash or the pre-rendered shell). */
export function render(store: AppStore, router: ReturnType<typeof createAppRouter>) {
  // A transition lets React render the first screen in short slices instead of one long task,
  // so the page stays responsive while it starts (Lighthouse's Total Blocking Time).
  startTransition(() => {
    createRoot(document.getElementById('root') as HTMLElement).render(
      <StrictMode>
        <AppProvider store={store}>
          <RouterProvider router={router} />
        </AppProvider>
      </StrictMode>,
    );
  });
}

export { warmUpFormatters };
