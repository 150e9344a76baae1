import type { ReactNode } from 'react';
import { Provider } from 'react-redux';

import type { AppStore } from '@/app/store';
import { Toaster } from '@/components/ui/toaster';
import { AppTheme } from '@/theme/app-theme';

export function AppProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return (
    <Provider store={store}>
      <AppTheme>
        {children}
        <Toaster />
      </AppTheme>
    </Provider>
  );
}
