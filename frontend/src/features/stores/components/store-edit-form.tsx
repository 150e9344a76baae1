import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Box, Button, Card, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useDispatch } from 'react-redux';

import type { Store } from '@/api/generated/openapi';
import { applyFieldErrors, problemMessage, toProblem } from '@/api/problem';
import { useStage } from '@/components/ui/deferred';
import { storesApi, useUpdateStoreMutation } from '@/features/stores/api/stores-api';
import { ConflictDialog, type Picks } from '@/features/stores/components/conflict-dialog';
import { HardwarePlanFields } from '@/features/stores/components/hardware-plan-fields';
import { LeaveGuardDialog } from '@/features/stores/components/leave-guard-dialog';
import { NetworkPlanFields } from '@/features/stores/components/network-plan-fields';
import { StoreBasicsFields } from '@/features/stores/components/store-basics-fields';
import { useStoreFormSchema } from '@/features/stores/hooks/use-store-form-schema';
import type { StoreFormValues } from '@/features/stores/schemas/store-schema';
import {
  conflictDiff,
  formToInput,
  mergeConflict,
  mergePatch,
  storeToForm,
  type FieldDiff,
} from '@/features/stores/utils/store-form-mapping';
import { useUnsavedChanges } from '@/hooks/use-unsaved-changes';
import { notify } from '@/lib/notifications';

function isStore(v: unknown): v is Store {
  return typeof v === 'object' && v !== null && 'id' in v && 'version' in v && 'location' in v;
}

interface Conflict {
  base: Store; // the version the user started editing
  theirs: Store | null;
  mine: StoreFormValues;
  diffs: FieldDiff[];
}

/** The store's editable document, saved with If-Match; a 412 opens the conflict dialog. */
export function StoreEditForm({ store }: { store: Store }) {
  const dispatch = useDispatch();
  const [base, setBase] = useState<Store>(store);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [updateStore, { isLoading }] = useUpdateStoreMutation();
  const [fetchStore] = storesApi.endpoints.getStore.useLazyQuery();
  const schema = useStoreFormSchema(base.code);
  const methods = useForm<StoreFormValues>({
    resolver: zodResolver(schema),
    defaultValues: storeToForm(store),
    mode: 'onTouched',
  });
  const { handleSubmit, reset, setError, formState } = methods;
  const blocker = useUnsavedChanges(formState.isDirty);
  // The hardware and network plans, below the first screen, one commit after the basics.
  const plans = useStage(1) === 1;

  // A newer version from elsewhere (another user, a run) replaces an untouched form; an older
  // copy (the page's cache catching up with this form's own save) never does.
  useEffect(() => {
    if (store.version > base.version && !formState.isDirty) {
      setBase(store);
      reset(storeToForm(store));
    }
  }, [store, base.version, formState.isDirty, reset]);

  // `values` edited from `editedFrom`; `patch` (default: all of the edit) is sent with
  // `against`'s If-Match. A 412 opens the three-way merge of editedFrom, theirs and values.
  const save = async (
    against: Store,
    values: StoreFormValues,
    editedFrom: Store = against,
    patch = mergePatch(formToInput(storeToForm(against)), formToInput(values)),
  ) => {
    if (Object.keys(patch).length === 0) {
      dispatch(notify({ severity: 'info', message: 'Nothing to save.' }));
      reset(values);
      return;
    }
    setFormError(null);
    try {
      const saved = await updateStore({ id: store.id, version: against.version, patch }).unwrap();
      setConflict(null);
      setBase(saved);
      reset(storeToForm(saved));
      dispatch(
        notify({ severity: 'success', message: `Saved ${saved.code} (version ${saved.version}).` }),
      );
    } catch (err) {
      const p = toProblem(err);
      if (p.status === 412) {
        let theirs: Store | null = isStore(p.current) ? p.current : null;
        if (!theirs) {
          theirs = await fetchStore(store.id, false)
            .unwrap()
            .catch(() => null);
        }
        setConflict({
          base: editedFrom,
          theirs,
          mine: values,
          diffs: theirs
            ? conflictDiff(
                formToInput(storeToForm(editedFrom)),
                formToInput(storeToForm(theirs)),
                formToInput(values),
              )
            : [],
        });
        return;
      }
      setConflict(null);
      const unmatched = applyFieldErrors(p, setError);
      if (p.errors.length === 0 || unmatched.length) {
        setFormError(
          unmatched.length
            ? unmatched.map((e) => `${e.field}: ${e.message}`).join('; ')
            : problemMessage(p),
        );
      }
    }
  };

  const reloadTheirs = () => {
    const theirs = conflict?.theirs;
    if (theirs) {
      void dispatch(storesApi.util.upsertQueryData('getStore', store.id, theirs) as never);
      setBase(theirs);
      reset(storeToForm(theirs));
    } else {
      dispatch(storesApi.util.invalidateTags([{ type: 'Store', id: store.id }]));
    }
    setConflict(null);
  };

  return (
    <FormProvider {...methods}>
      <Box
        component="form"
        noValidate
        aria-label="Edit store"
        onSubmit={(e) => void handleSubmit((v) => save(base, v))(e)}
      >
        <Stack spacing={2}>
          {formError ? (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          ) : null}
          <Card>
            <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
              Store details
            </Typography>
            <StoreBasicsFields />
          </Card>
          {plans ? (
            <Card>
              <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
                Hardware plan
              </Typography>
              <HardwarePlanFields />
            </Card>
          ) : null}
          {plans ? (
            <Card>
              <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
                Network plan
              </Typography>
              <NetworkPlanFields />
            </Card>
          ) : null}
          <Paper
            variant="outlined"
            sx={{
              position: 'sticky',
              bottom: 8,
              p: 1.5,
              display: 'flex',
              gap: 1,
              alignItems: 'center',
              justifyContent: 'flex-end',
              zIndex: 2,
              bgcolor: 'background.paper',
            }}
          >
            <Typography variant="body2" color="text.secondary" sx={{ mr: 'auto' }}>
              {formState.isDirty ? 'Unsaved changes' : `Version ${base.version}`}
            </Typography>
            <Button
              disabled={!formState.isDirty || isLoading}
              onClick={() => reset(storeToForm(base))}
            >
              Discard
            </Button>
            <Button type="submit" variant="contained" disabled={!formState.isDirty || isLoading}>
              {isLoading ? 'Saving…' : 'Save changes'}
            </Button>
          </Paper>
        </Stack>
        <ConflictDialog
          open={conflict !== null}
          theirs={conflict?.theirs ?? null}
          diffs={conflict?.diffs ?? []}
          busy={isLoading}
          onCancel={() => setConflict(null)}
          onReloadTheirs={reloadTheirs}
          onSaveMerged={(picks: Picks) => {
            if (!conflict?.theirs) return;
            const patch = mergeConflict(
              formToInput(storeToForm(conflict.theirs)),
              conflict.diffs,
              picks,
            );
            // Every pick "theirs": nothing of the user's remains; show their version.
            if (Object.keys(patch).length === 0) reloadTheirs();
            else void save(conflict.theirs, conflict.mine, conflict.base, patch);
          }}
        />
        <LeaveGuardDialog blocker={blocker} />
      </Box>
    </FormProvider>
  );
}
