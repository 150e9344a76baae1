import {
  Alert,
  AlertTitle,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useEffect, useId, useRef, useState } from 'react';
import { useDispatch } from 'react-redux';

import { baseApi } from '@/api/base-api';
import type { ProvisionPlan, RunAccepted, Store } from '@/api/generated/openapi';
import { problemMessage, toProblem, type Problem } from '@/api/problem';
import { LoadingState } from '@/components/ui/loading-state';
import {
  usePlanStoreProvisioningMutation,
  useProvisionAsPlannedMutation,
} from '@/features/provisioning/api/plan-api';
import { ProvisionPlanView } from '@/features/provisioning/components/provision-plan';
import { useIsPhone } from '@/hooks/use-is-phone';
import { notify } from '@/lib/notifications';
import { formatDateTime } from '@/utils/format';

/** Why the plan could not be applied: the service's `changes`, or its message. */
function Refusal({ problem }: { problem: Problem }) {
  const changes = problem.changes ?? [];
  if (problem.status === 412) {
    return (
      <Alert severity="warning" role="alert">
        <AlertTitle>The store was changed since this page loaded</AlertTitle>
        Nothing was reserved. Make a new plan for its current version.
      </Alert>
    );
  }
  return (
    <Alert severity={problem.status === 409 ? 'warning' : 'error'} role="alert">
      <AlertTitle>
        {changes.length > 0 ? 'The plan no longer holds' : 'The plan was not applied'}
      </AlertTitle>
      {changes.length > 0 ? (
        <>
          Nothing was reserved. What changed since the plan was made:
          <ul aria-label="What changed" style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {changes.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : (
        problemMessage(problem)
      )}
    </Alert>
  );
}

/**
 * Plan before apply: opening it asks the service for a plan (POST …/plan) and shows it;
 * "Provision as planned" applies exactly that plan (its planId, with the store's If-Match), and
 * a 409 lists what changed since, with "Make a new plan". Mounted afresh for each opening
 * (a `key`), so each opening makes one plan.
 */
export function ProvisionPlanDialog({
  store,
  retry = false,
  open,
  onClose,
  onProvisioned,
}: {
  store: Pick<Store, 'id' | 'code' | 'version'>;
  /** A failed store's retry: the same plan, worded as a retry. */
  retry?: boolean;
  open: boolean;
  onClose: () => void;
  onProvisioned?: (accepted: RunAccepted) => void;
}) {
  const titleId = useId();
  const isPhone = useIsPhone();
  const dispatch = useDispatch();
  const [makePlan, planning] = usePlanStoreProvisioningMutation();
  const [provision, applying] = useProvisionAsPlannedMutation();
  const [plan, setPlan] = useState<ProvisionPlan | null>(null);
  const [planError, setPlanError] = useState<Problem | null>(null);
  const [refusal, setRefusal] = useState<Problem | null>(null);
  const verb = retry ? 'Retry' : 'Provision';

  const replan = async () => {
    setRefusal(null);
    setPlanError(null);
    setPlan(null);
    try {
      setPlan(await makePlan(store.id).unwrap());
    } catch (err) {
      setPlanError(toProblem(err));
    }
  };

  // One plan per opening, made once open: a closed dialog mounted again (its buttons come back
  // when the store reaches a status with transitions) makes none. The guard also keeps React's
  // development double effects from making two.
  const started = useRef(false);
  useEffect(() => {
    if (!open || started.current) return;
    started.current = true;
    void replan();
  });

  const apply = async () => {
    if (!plan) return;
    setRefusal(null);
    try {
      const accepted = await provision({
        id: store.id,
        version: store.version,
        planId: plan.planId,
      }).unwrap();
      dispatch(notify({ severity: 'success', message: `Provisioning ${store.code} as planned.` }));
      onProvisioned?.(accepted);
      onClose();
    } catch (err) {
      const p = toProblem(err);
      // A 412: the page's copy of the store is old; fetch the current one for the next plan.
      if (p.status === 412)
        dispatch(baseApi.util.invalidateTags([{ type: 'Store', id: store.id }]));
      setRefusal(p);
    }
  };

  const busy = planning.isLoading || applying.isLoading;
  const offerApply = plan !== null && plan.canApply && refusal === null;
  return (
    <Dialog
      open={open}
      onClose={applying.isLoading ? undefined : onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
      fullScreen={isPhone}
    >
      <DialogTitle id={titleId}>
        Plan to {verb.toLowerCase()} {store.code}
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          {planning.isLoading ? <LoadingState label="Making the plan" rows={4} /> : null}
          {planError ? (
            <Alert severity="error" role="alert">
              <AlertTitle>No plan could be made</AlertTitle>
              {problemMessage(planError)}
            </Alert>
          ) : null}
          {plan ? (
            <>
              <Typography variant="body2" color="text.secondary">
                Nothing is reserved until you provision. Made {formatDateTime(plan.createdAt)} for
                version {plan.storeVersion} of the store;{' '}
                <strong>valid until {formatDateTime(plan.expiresAt)}</strong>.
              </Typography>
              {refusal ? <Refusal problem={refusal} /> : null}
              {!plan.canApply ? (
                <Alert severity="error">
                  <AlertTitle>Provisioning would fail now</AlertTitle>
                  <ul aria-label="Problems" style={{ margin: 0, paddingLeft: 20 }}>
                    {plan.problems.map((p, i) => (
                      <li key={i}>{p}</li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
              <ProvisionPlanView plan={plan} />
            </>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onClose} disabled={applying.isLoading}>
          {offerApply ? 'Cancel' : 'Close'}
        </Button>
        {!offerApply && !planning.isLoading ? (
          <Button variant="outlined" onClick={() => void replan()} disabled={busy}>
            Make a new plan
          </Button>
        ) : null}
        {offerApply ? (
          <Button variant="contained" onClick={() => void apply()} disabled={busy}>
            {applying.isLoading ? 'Provisioning…' : `${verb} as planned`}
          </Button>
        ) : null}
      </DialogActions>
    </Dialog>
  );
}
