import { useMemo } from 'react';

import { useGetSystemSettingsQuery } from '@/api/settings-api';
import { makeStoreFormSchema, type StoreCodeRule } from '@/features/stores/schemas/store-schema';

/** The served store code rule, or undefined while the settings load (or failed to). */
export function useStoreCodeRule(): StoreCodeRule | undefined {
  return useGetSystemSettingsQuery().data?.storeCode;
}

/**
 * The store form's schema with the code checked against the served pattern; `keptCode` (the
 * store's current code, when editing) stays valid under a newer pattern, as on the server.
 */
export function useStoreFormSchema(keptCode?: string) {
  const rule = useStoreCodeRule();
  return useMemo(() => makeStoreFormSchema(rule, keptCode), [rule, keptCode]);
}
