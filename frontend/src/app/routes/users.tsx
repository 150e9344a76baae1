import PersonAddRounded from '@mui/icons-material/PersonAddRounded';
import { Button } from '@mui/material';
import { useState } from 'react';

import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ApiTokensPanel } from '@/features/users/components/api-tokens-panel';
import { CreateUserDialog } from '@/features/users/components/create-user-dialog';
import { UsersTable } from '@/features/users/components/users-table';
import { useAuthorization } from '@/lib/authorization';

export function UsersRoute() {
  const { can, user } = useAuthorization();
  const [open, setOpen] = useState(false);
  if (!can('users:manage')) {
    return <EmptyState title="Not available" description="Only administrators manage users." />;
  }
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Who can sign in, and what they may do."
        actions={
          <Button
            variant="contained"
            startIcon={<PersonAddRounded />}
            onClick={() => setOpen(true)}
          >
            New user
          </Button>
        }
      />
      <UsersTable currentUserId={user?.id ?? null} />
      <CreateUserDialog open={open} onClose={() => setOpen(false)} />
      <ApiTokensPanel />
    </>
  );
}
