import { Button } from '@mui/material';
import { useState } from 'react';

import type { Rollout } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { WithReason } from '@/components/ui/with-reason';
import {
  useChangeRolloutMutation,
  type RolloutCommand,
} from '@/features/rollouts/api/rollouts-api';
import { commandRefusal } from '@/features/rollouts/utils/rollout-rules';
import { useAuthorization, useTransitionPermission } from '@/lib/authorization';

// No icons: the store page's transition buttons use the same ones, which would then move into
// the chunk every page loads.
const BUTTONS: { command: RolloutCommand; label: string }[] = [
  { command: 'pause', label: 'Pause' },
  { command: 'resume', label: 'Resume' },
  { command: 'retry-failed', label: 'Retry failed' },
  { command: 'abort', label: 'Abort' },
];

/**
 * Pause, Resume, Retry failed and Abort (after a confirmation), each enabled only in the
 * statuses the contract allows and for a role that may change rollouts; a disabled one says why.
 * The service's refusal (409: the rollout moved on meanwhile; 403) goes to `onRefused`.
 */
export function RolloutActions({
  rollout,
  onRefused,
}: {
  rollout: Rollout;
  onRefused: (message: string | null) => void;
}) {
  const { why } = useAuthorization();
  const permission = useTransitionPermission();
  const [change, { isLoading: busy }] = useChangeRolloutMutation();
  const [confirming, setConfirming] = useState(false);
  const roleReason = why('rollouts:write');
  // Retrying starts runs again: the role of the transition (a failed store's provision is a retry).
  const retryReason = permission(
    rollout.action === 'decommission' ? 'decommission' : 'retry',
  ).reason;

  const run = async (command: RolloutCommand) => {
    onRefused(null);
    try {
      await change({ id: rollout.id, command }).unwrap();
    } catch (err) {
      onRefused(problemMessage(toProblem(err)));
    }
    setConfirming(false);
  };

  return (
    <>
      {BUTTONS.map(({ command, label }) => {
        const reason =
          roleReason ??
          commandRefusal(rollout, command) ??
          (command === 'retry-failed' ? retryReason : null);
        return (
          <WithReason key={command} reason={reason}>
            <Button
              variant={command === 'abort' ? 'outlined' : 'contained'}
              color={command === 'abort' ? 'error' : 'primary'}
              disabled={reason !== null || busy}
              onClick={() => (command === 'abort' ? setConfirming(true) : void run(command))}
            >
              {label}
            </Button>
          </WithReason>
        );
      })}
      <ConfirmDialog
        open={confirming}
        title={`Abort the rollout ${rollout.name}?`}
        confirmLabel="Abort rollout"
        destructive
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run('abort')}
      >
        {`The ${rollout.counts.pending} stores not started yet are cancelled; the runs already started finish and their results are kept. An aborted rollout cannot be resumed or retried.`}
      </ConfirmDialog>
    </>
  );
}
