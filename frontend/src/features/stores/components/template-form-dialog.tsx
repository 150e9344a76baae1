import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  Stack,
  Typography,
} from '@mui/material';
import { useEffect, useId, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useDispatch } from 'react-redux';

import type { Template } from '@/api/generated/openapi';
import { formProblem, toProblem } from '@/api/problem';
import { STEADY_DIALOG } from '@/components/ui/form-dialog';
import {
  templatesApi,
  useCreateTemplateMutation,
  useUpdateTemplateMutation,
} from '@/features/stores/api/templates-api';
import { FormTextField } from '@/features/stores/components/form-text-field';
import { HardwarePlanFields } from '@/features/stores/components/hardware-plan-fields';
import { NetworkPlanFields } from '@/features/stores/components/network-plan-fields';
import { StoreTypeField } from '@/features/stores/components/store-type-field';
import { TagsField } from '@/features/stores/components/tags-field';
import {
  templateFormSchema,
  type TemplateFormValues,
} from '@/features/stores/schemas/template-schema';
import { mergePatch } from '@/features/stores/utils/store-form-mapping';
import {
  emptyTemplateForm,
  formToTemplate,
  templateToForm,
} from '@/features/stores/utils/template-form-mapping';
import { notify } from '@/lib/notifications';

type F = TemplateFormValues;

function isTemplate(v: unknown): v is Template {
  return typeof v === 'object' && v !== null && 'id' in v && 'version' in v && 'networkPlan' in v;
}

/** A field error's path the form shows (a segment's subnet is not a field of a template). */
const isShownField = (path: string) => !/^networkPlan\.\d+\.cidr$/.test(path);

/**
 * A new template (`template` absent: POST) or an edit of one (PATCH of what changed, with its
 * version's If-Match). A 422 puts its errors on their fields; a 412 (someone saved first) says
 * so and offers their version, the user's edits staying until they reload.
 */
export function TemplateFormDialog({
  open,
  onClose,
  template,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  template?: Template;
  onSaved?: (t: Template) => void;
}) {
  const titleId = useId();
  const dispatch = useDispatch();
  const [createTemplate, created] = useCreateTemplateMutation();
  const [updateTemplate, updated] = useUpdateTemplateMutation();
  const [fetchTemplate] = templatesApi.endpoints.getTemplate.useLazyQuery();
  const busy = created.isLoading || updated.isLoading;
  const [base, setBase] = useState<Template | undefined>(template);
  const [stale, setStale] = useState<Template | null | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const methods = useForm<F>({
    resolver: zodResolver(templateFormSchema),
    defaultValues: template ? templateToForm(template) : emptyTemplateForm(),
    mode: 'onTouched',
  });
  const { handleSubmit, reset, setError } = methods;

  // Each opening starts from the template as it is now.
  useEffect(() => {
    if (!open) return;
    setBase(template);
    setStale(undefined);
    setFormError(null);
    reset(template ? templateToForm(template) : emptyTemplateForm());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the dialog opens
  }, [open]);

  const submit = async (values: F) => {
    setFormError(null);
    setStale(undefined);
    try {
      let saved: Template;
      if (base) {
        const patch = mergePatch(formToTemplate(templateToForm(base)), formToTemplate(values));
        if (Object.keys(patch).length === 0) {
          dispatch(notify({ severity: 'info', message: 'Nothing to save.' }));
          onClose();
          return;
        }
        saved = await updateTemplate({ id: base.id, version: base.version, patch }).unwrap();
      } else {
        saved = await createTemplate(formToTemplate(values)).unwrap();
      }
      dispatch(
        notify({
          severity: 'success',
          message: `${base ? 'Saved' : 'Created'} template ${saved.name} (version ${saved.version}).`,
        }),
      );
      onSaved?.(saved);
      onClose();
    } catch (err) {
      const p = toProblem(err);
      if (p.status === 412 && base) {
        // Their version: the problem's `current`, else fetched (see templates-ui-QUESTIONS Q1).
        const theirs = isTemplate(p.current)
          ? p.current
          : await fetchTemplate(base.id, false)
              .unwrap()
              .catch(() => null);
        setStale(theirs);
        return;
      }
      if (p.status === 409 && p.errors.length === 0) {
        setError('name', { type: 'server', message: p.detail ?? 'This name is taken' });
        return;
      }
      setFormError(formProblem(p, setError, isShownField));
    }
  };

  const reloadTheirs = () => {
    if (stale) {
      void dispatch(templatesApi.util.upsertQueryData('getTemplate', stale.id, stale) as never);
      setBase(stale);
      reset(templateToForm(stale));
    }
    setStale(undefined);
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby={titleId}
      slotProps={STEADY_DIALOG}
    >
      <FormProvider {...methods}>
        <form
          noValidate
          onSubmit={(e) => void handleSubmit(submit)(e)}
          // A column filling the paper: the content scrolls, the actions stay at the bottom.
          style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
        >
          <DialogTitle id={titleId}>
            {base ? `Edit template ${base.name}` : 'New template'}
          </DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              {stale !== undefined ? (
                <Alert
                  severity="warning"
                  role="alert"
                  action={
                    stale ? (
                      <Button color="inherit" size="small" onClick={reloadTheirs}>
                        Reload
                      </Button>
                    ) : null
                  }
                >
                  {stale
                    ? `This template was changed by someone else (${stale.updatedBy} saved version ${stale.version}) — reload to edit their version; nothing of yours was saved.`
                    : 'This template was changed by someone else — reload the page; nothing of yours was saved.'}
                </Alert>
              ) : null}
              {formError ? (
                <Alert severity="error" role="alert">
                  {formError}
                </Alert>
              ) : null}
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 8 }}>
                  <FormTextField<F> name="name" label="Name" required />
                </Grid>
                <Grid size={{ xs: 12, sm: 4 }}>
                  <StoreTypeField label="Store type" />
                </Grid>
                <Grid size={12}>
                  <FormTextField<F> name="description" label="Description" multiline minRows={2} />
                </Grid>
                <Grid size={12}>
                  <TagsField helperText="Every store of the template gets them. Press Enter after each tag" />
                </Grid>
                <Grid size={12}>
                  <FormTextField<F>
                    name="notes"
                    label="Notes for the stores"
                    multiline
                    minRows={2}
                  />
                </Grid>
              </Grid>
              <Typography component="h3" variant="subtitle1">
                Hardware plan
              </Typography>
              <HardwarePlanFields />
              <Typography component="h3" variant="subtitle1">
                Network plan
              </Typography>
              <NetworkPlanFields withCidr={false} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant="contained" disabled={busy}>
              {busy ? 'Saving…' : base ? 'Save template' : 'Create template'}
            </Button>
          </DialogActions>
        </form>
      </FormProvider>
    </Dialog>
  );
}
