import AddRounded from '@mui/icons-material/AddRounded';
import { Button } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { Link as RouterLink } from 'react-router';

import type { AppStore } from '@/app/store';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { storesApi } from '@/features/stores/api/stores-api';
import type { BulkRollout } from '@/features/stores/components/bulk-actions';
import { ExportButton } from '@/features/stores/components/export-button';
import { ImportStoresButton } from '@/features/stores/components/import-stores-button';
import { StoreListView } from '@/features/stores/components/store-list-view';
import {
  listParamsFromSearch,
  useStoreListParams,
} from '@/features/stores/hooks/use-store-list-params';
import { Authorized, useAuthorization } from '@/lib/authorization';

// The selection's Provision and Decommission make a rollout (a persistent job in waves, with
// each store's result and "retry failed only"): its dialog loads when opened, and the rollout's
// page opens once it is created.
const NewRolloutDialog = lazy(() =>
  import('@/features/rollouts/components/new-rollout-dialog').then((m) => ({
    default: m.NewRolloutDialog,
  })),
);

/** The page of stores the URL asks for, fetched from the route loader (router.tsx). */
export function prefetch(store: AppStore, request: Request) {
  const params = listParamsFromSearch(new URL(request.url).searchParams);
  void store.dispatch(storesApi.util.prefetch('listStores', params, { ifOlderThan: 10 }));
}

export function StoresRoute() {
  const { can } = useAuthorization();
  const { filters } = useStoreListParams();
  const [rollout, setRollout] = useState<BulkRollout | null>(null);
  return (
    <>
      <PageHeader
        title="Stores"
        subtitle="Search, filter and act on stores. The view is kept in the address bar."
        actions={
          <>
            <ExportButton filters={filters} />
            <Authorized policy="stores:write">
              <ImportStoresButton />
              <Button
                component={RouterLink}
                to={paths.storeNew.getHref()}
                variant="contained"
                startIcon={<AddRounded />}
              >
                New store
              </Button>
            </Authorized>
          </>
        }
      />
      <StoreListView canBulk={can('stores:bulk')} onRollout={setRollout} />
      {rollout ? (
        <Suspense fallback={null}>
          <NewRolloutDialog open draft={rollout} onClose={() => setRollout(null)} />
        </Suspense>
      ) : null}
    </>
  );
}
