import ArchiveRounded from '@mui/icons-material/ArchiveRounded';
import PlayArrowRounded from '@mui/icons-material/PlayArrowRounded';
import ReplayRounded from '@mui/icons-material/ReplayRounded';
import UndoRounded from '@mui/icons-material/UndoRounded';
import { Button } from '@mui/material';
import { lazy, Suspense, useState, type ReactNode } from 'react';

import type { Store } from '@/api/generated/openapi';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { WithReason } from '@/components/ui/with-reason';
import {
  useTransitionStoreMutation,
  type TransitionAction,
} from '@/features/provisioning/api/provisioning-api';
import { useTransitionPermission } from '@/lib/authorization';
import { allowedTransitions, type Transition } from '@/utils/lifecycle';

// Loaded when first opened: the store's page is at its budget (scripts/check-budget.mjs).
const ProvisionPlanDialog = lazy(() =>
  import('@/features/provisioning/components/provision-plan-dialog').then((m) => ({
    default: m.ProvisionPlanDialog,
  })),
);

/** Provision and retry show the plan first (plan before apply); the others are confirmed. */
const PLANNED: ReadonlySet<Transition> = new Set(['provision', 'retry']);

const META: Record<
  Transition,
  { label: string; action: TransitionAction; icon: ReactNode; confirm: string; danger?: boolean }
> = {
  provision: {
    label: 'Provision',
    action: 'provision',
    icon: <PlayArrowRounded />,
    confirm:
      'Allocates network segments and hardware, issues credentials and renders device configurations.',
  },
  retry: {
    label: 'Retry',
    action: 'provision',
    icon: <ReplayRounded />,
    confirm: 'Runs the failed provisioning again from the step that failed.',
  },
  rollback: {
    label: 'Roll back',
    action: 'rollback',
    icon: <UndoRounded />,
    confirm: 'Releases everything reserved and returns the store to draft.',
  },
  decommission: {
    label: 'Decommission',
    action: 'decommission',
    icon: <ArchiveRounded />,
    confirm:
      'Returns hardware to stock, revokes credentials and releases subnets. This cannot be undone.',
    danger: true,
  },
};

/**
 * Only the transitions the store's status allows: provision and retry through their plan, the
 * others confirmed first; one the user's role may not start (permissions.*) is shown disabled,
 * with the role it needs.
 */
export function TransitionButtons({ store }: { store: Store }) {
  const [pending, setPending] = useState<Transition | null>(null);
  // Each opening of the plan dialog is a new dialog (its key), kept mounted while it closes.
  const [plan, setPlan] = useState<{ session: number; transition: Transition; open: boolean }>({
    session: 0,
    transition: 'provision',
    open: false,
  });
  const [transition, { isLoading }] = useTransitionStoreMutation();
  const permission = useTransitionPermission();
  const allowed = allowedTransitions(store.status);
  if (allowed.length === 0) return null;
  return (
    <>
      {allowed.map((t, i) => {
        const { reason } = permission(t);
        return (
          <WithReason key={t} reason={reason}>
            <Button
              variant={i === 0 ? 'contained' : 'outlined'}
              color={META[t].danger ? 'error' : 'primary'}
              startIcon={META[t].icon}
              onClick={() =>
                PLANNED.has(t)
                  ? setPlan((p) => ({ session: p.session + 1, transition: t, open: true }))
                  : setPending(t)
              }
              disabled={isLoading || reason !== null}
            >
              {META[t].label}
            </Button>
          </WithReason>
        );
      })}
      {plan.session > 0 ? (
        <Suspense fallback={null}>
          <ProvisionPlanDialog
            key={plan.session}
            store={store}
            retry={plan.transition === 'retry'}
            open={plan.open}
            onClose={() => setPlan((p) => ({ ...p, open: false }))}
          />
        </Suspense>
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${META[pending].label} ${store.code}?` : ''}
        confirmLabel={pending ? META[pending].label : 'Confirm'}
        destructive={pending ? META[pending].danger : false}
        busy={isLoading}
        onCancel={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          try {
            await transition({
              id: store.id,
              version: store.version,
              action: META[pending].action,
            }).unwrap();
          } catch {
            // the error toast comes from the middleware
          }
          setPending(null);
        }}
      >
        {pending ? META[pending].confirm : ''}
      </ConfirmDialog>
    </>
  );
}
