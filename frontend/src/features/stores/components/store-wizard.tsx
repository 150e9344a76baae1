import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Box,
  Button,
  Card,
  Checkbox,
  FormControlLabel,
  Stack,
  Step,
  StepLabel,
  Stepper,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';

import type { Store } from '@/api/generated/openapi';
import { applyFieldErrors, problemMessage, toFormPath, toProblem } from '@/api/problem';
import { useCreateStoreMutation } from '@/features/stores/api/stores-api';
import { HardwarePlanFields } from '@/features/stores/components/hardware-plan-fields';
import { LeaveGuardDialog } from '@/features/stores/components/leave-guard-dialog';
import { NetworkPlanFields } from '@/features/stores/components/network-plan-fields';
import { StoreBasicsFields } from '@/features/stores/components/store-basics-fields';
import { StoreSummary } from '@/features/stores/components/store-summary';
import { useStoreFormSchema } from '@/features/stores/hooks/use-store-form-schema';
import { STEP_FIELDS, type StoreFormValues } from '@/features/stores/schemas/store-schema';
import { emptyStoreForm, formToInput } from '@/features/stores/utils/store-form-mapping';
import { useIsPhone } from '@/hooks/use-is-phone';
import { useUnsavedChanges } from '@/hooks/use-unsaved-changes';

const STEPS = ['Basic info', 'Hardware', 'Network', 'Review'] as const;
const STEP_KEYS = ['basics', 'hardware', 'network'] as const;

function stepOfField(path: string): number {
  const i = STEP_KEYS.findIndex((k) =>
    (STEP_FIELDS[k] as readonly string[]).some((f) => path === f || path.startsWith(`${f}.`)),
  );
  return i < 0 ? 0 : i;
}

export function StoreWizard({
  canProvision,
  onCreated,
}: {
  canProvision: boolean;
  onCreated: (store: Store, provisionNow: boolean) => void | Promise<void>;
}) {
  const isPhone = useIsPhone();
  const [active, setActive] = useState(0);
  const [provisionNow, setProvisionNow] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const submitted = useRef(false);
  const [createStore, { isLoading }] = useCreateStoreMutation();
  const schema = useStoreFormSchema();
  const methods = useForm<StoreFormValues>({
    resolver: zodResolver(schema),
    defaultValues: emptyStoreForm(),
    mode: 'onChange',
  });
  const { trigger, handleSubmit, setError, formState, getValues } = methods;
  const blocker = useUnsavedChanges(formState.isDirty, submitted);

  const next = async () => {
    const fields = STEP_FIELDS[STEP_KEYS[active]] as unknown as FieldPath<StoreFormValues>[];
    if (await trigger(fields, { shouldFocus: true })) setActive((a) => a + 1);
  };

  const submit = handleSubmit(
    async (values) => {
      setFormError(null);
      try {
        submitted.current = true;
        const store = await createStore(formToInput(values)).unwrap();
        await onCreated(store, provisionNow);
      } catch (err) {
        submitted.current = false;
        const p = toProblem(err);
        if (p.status === 409 && p.errors.length === 0) {
          setError('code', {
            type: 'server',
            message: p.detail ?? 'A store with this code already exists',
          });
          setActive(0);
          return;
        }
        const unmatched = applyFieldErrors(p, setError);
        if (p.errors.length) {
          setActive(stepOfField(toFormPath(p.errors[0].field)));
          if (unmatched.length)
            setFormError(unmatched.map((e) => `${e.field}: ${e.message}`).join('; '));
        } else {
          setFormError(problemMessage(p));
        }
      }
    },
    (errors) => {
      const first = Object.keys(errors)[0];
      if (first) setActive(stepOfField(first));
    },
  );

  return (
    <FormProvider {...methods}>
      <Box component="form" noValidate onSubmit={(e) => void submit(e)} aria-label="New store">
        <Stepper activeStep={active} alternativeLabel={isPhone} sx={{ mb: 3 }}>
          {STEPS.map((label) => (
            <Step key={label}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <Card>
          <Typography component="h2" variant="h6" sx={{ mb: 2 }}>
            {STEPS[active]}
          </Typography>
          {formError ? (
            <Alert severity="error" sx={{ mb: 2 }} role="alert">
              {formError}
            </Alert>
          ) : null}
          {active === 0 ? <StoreBasicsFields /> : null}
          {active === 1 ? <HardwarePlanFields /> : null}
          {active === 2 ? <NetworkPlanFields /> : null}
          {active === 3 ? (
            <Stack spacing={2}>
              <StoreSummary store={formToInput(getValues())} />
              {canProvision ? (
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={provisionNow}
                      onChange={(e) => setProvisionNow(e.target.checked)}
                    />
                  }
                  label="Provision now (see the plan right after creating, then provision as planned)"
                />
              ) : null}
            </Stack>
          ) : null}
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', mt: 3 }}>
            <Button disabled={active === 0 || isLoading} onClick={() => setActive((a) => a - 1)}>
              Back
            </Button>
            {active < STEPS.length - 1 ? (
              // Distinct keys: React must not reuse the Next button as the submit button, or
              // the click that reaches the last step would also submit the form.
              <Button key="next" variant="contained" onClick={() => void next()}>
                Next
              </Button>
            ) : (
              <Button key="submit" type="submit" variant="contained" disabled={isLoading}>
                {isLoading ? 'Creating…' : provisionNow ? 'Create and plan' : 'Create store'}
              </Button>
            )}
          </Stack>
        </Card>
        <LeaveGuardDialog blocker={blocker} />
      </Box>
    </FormProvider>
  );
}
