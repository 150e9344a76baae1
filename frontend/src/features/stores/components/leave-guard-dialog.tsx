import type { Blocker } from 'react-router';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function LeaveGuardDialog({ blocker }: { blocker: Blocker }) {
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title="Leave without saving?"
      confirmLabel="Leave"
      cancelLabel="Stay"
      destructive
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      Your changes on this page are not saved and will be lost.
    </ConfirmDialog>
  );
}
