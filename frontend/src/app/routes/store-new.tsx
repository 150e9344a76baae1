import { lazy, Suspense, useState } from 'react';
import { useDispatch } from 'react-redux';
import { Navigate, useNavigate } from 'react-router';

import type { Store } from '@/api/generated/openapi';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { StoreWizard } from '@/features/stores/components/store-wizard';
import { useAuthorization } from '@/lib/authorization';
import { notify } from '@/lib/notifications';

// Loaded only when "Provision now" was ticked and the draft exists.
const ProvisionPlanDialog = lazy(() =>
  import('@/features/provisioning/components/provision-plan-dialog').then((m) => ({
    default: m.ProvisionPlanDialog,
  })),
);

export function StoreNewRoute() {
  const { can } = useAuthorization();
  const navigate = useNavigate();
  const dispatch = useDispatch();
  // The created draft whose plan is shown ("Provision now"): provisioned from the plan, or
  // left a draft when the dialog is closed; the store's page follows either way.
  const [planned, setPlanned] = useState<Store | null>(null);
  if (!can('stores:write')) return <Navigate to={paths.stores.getHref()} replace />;
  const toStore = (store: Store) =>
    navigate(paths.storeDetail.getHref(store.id), { replace: true });
  return (
    <>
      <PageHeader
        title="New store"
        subtitle="Basic info, hardware and network — then review and create."
      />
      <StoreWizard
        canProvision={can('stores:provision')}
        onCreated={(store, provisionNow) => {
          dispatch(notify({ severity: 'success', message: `Created ${store.code}.` }));
          if (provisionNow) setPlanned(store);
          else toStore(store);
        }}
      />
      {planned ? (
        <Suspense fallback={null}>
          <ProvisionPlanDialog store={planned} open onClose={() => toStore(planned)} />
        </Suspense>
      ) : null}
    </>
  );
}
