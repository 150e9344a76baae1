import { useDispatch } from 'react-redux';
import { Navigate, useNavigate } from 'react-router';

import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { useTransitionStoreMutation } from '@/features/provisioning/api/provisioning-api';
import { StoreWizard } from '@/features/stores/components/store-wizard';
import { useAuthorization } from '@/lib/authorization';
import { notify } from '@/lib/notifications';

export function StoreNewRoute() {
  const { can } = useAuthorization();
  const navigate = useNavigate();
  const dispatch = useDispatch();
  const [transition] = useTransitionStoreMutation();
  if (!can('stores:write')) return <Navigate to={paths.stores.getHref()} replace />;
  return (
    <>
      <PageHeader
        title="New store"
        subtitle="Basic info, hardware and network — then review and create."
      />
      <StoreWizard
        canProvision={can('stores:provision')}
        onCreated={async (store, provisionNow) => {
          dispatch(notify({ severity: 'success', message: `Created ${store.code}.` }));
          if (provisionNow) {
            try {
              await transition({
                id: store.id,
                version: store.version,
                action: 'provision',
              }).unwrap();
            } catch {
              // The toast explains; the store exists as a draft and can be provisioned later.
            }
          }
          navigate(paths.storeDetail.getHref(store.id), { replace: true });
        }}
      />
    </>
  );
}
