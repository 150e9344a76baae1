import { Stack } from '@mui/material';

import { PageHeader } from '@/components/ui/page-header';
import { ModelsPanel } from '@/features/inventory/components/models-panel';
import { StockPanel } from '@/features/inventory/components/stock-panel';
import { StoreCodeLink } from '@/features/stores/components/store-code-link';
import { useAuthorization } from '@/lib/authorization';

export function InventoryRoute() {
  const { can } = useAuthorization();
  const canWrite = can('inventory:write');
  return (
    <>
      <PageHeader
        title="Inventory"
        subtitle="Hardware models and the stock provisioning allocates to stores."
      />
      <Stack spacing={2}>
        <StockPanel canWrite={canWrite} renderStore={(id) => <StoreCodeLink id={id} />} />
        <ModelsPanel canWrite={canWrite} />
      </Stack>
    </>
  );
}
