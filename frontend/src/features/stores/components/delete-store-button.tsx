import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import { Button } from '@mui/material';
import { useState } from 'react';

import type { Store } from '@/api/generated/openapi';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useDeleteStoreMutation } from '@/features/stores/api/stores-api';

export function DeleteStoreButton({ store, onDeleted }: { store: Store; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [del, { isLoading }] = useDeleteStoreMutation();
  return (
    <>
      <Button
        color="error"
        variant="outlined"
        startIcon={<DeleteOutlineRounded />}
        onClick={() => setOpen(true)}
      >
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${store.code}?`}
        confirmLabel="Delete"
        destructive
        busy={isLoading}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          try {
            await del({ id: store.id, version: store.version }).unwrap();
            setOpen(false);
            onDeleted();
          } catch {
            setOpen(false);
          }
        }}
      >
        The draft is removed. Its audit history is kept.
      </ConfirmDialog>
    </>
  );
}
