import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';

import { AppProvider } from '@/app/provider';
import { createAppRouter } from '@/app/router';
import { createAppStore, type AppStore } from '@/app/store';
import { warmUpFormatters } from '@/utils/format';

export { createAppRouter, createAppStore };

/** Renders the app into #root (over the splash). */
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
