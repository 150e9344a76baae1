import AddRounded from '@mui/icons-material/AddRounded';
import { Button } from '@mui/material';
import { useState } from 'react';

import { PageHeader } from '@/components/ui/page-header';
import { AddPoolDialog } from '@/features/network/components/add-pool-dialog';
import { PoolsTable } from '@/features/network/components/pools-table';
import { useAuthorization } from '@/lib/authorization';

export function PoolsRoute() {
  const { can } = useAuthorization();
  const [open, setOpen] = useState(false);
  const canManage = can('pools:manage');
  return (
    <>
      <PageHeader
        title="Address pools"
        subtitle="The networks provisioning carves store segments from, and how full each one is."
        actions={
          canManage ? (
            <Button variant="contained" startIcon={<AddRounded />} onClick={() => setOpen(true)}>
              New pool
            </Button>
          ) : null
        }
      />
      <PoolsTable canManage={canManage} />
      {canManage ? <AddPoolDialog open={open} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
