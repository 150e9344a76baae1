import AddBusinessRounded from '@mui/icons-material/AddBusinessRounded';
import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import EditRounded from '@mui/icons-material/EditRounded';
import { Box, Button, Card, Chip, Grid, Stack, Typography } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useParams, type Params } from 'react-router';

import type { Template } from '@/api/generated/openapi';
import { toProblem } from '@/api/problem';
import type { AppStore } from '@/app/store';
import { useBreadcrumb } from '@/components/layout/breadcrumb-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { WithReason } from '@/components/ui/with-reason';
import { paths } from '@/config/paths';
import {
  templatesApi,
  useDeleteTemplateMutation,
  useGetTemplateQuery,
} from '@/features/stores/api/templates-api';
import { PlanSummary } from '@/features/stores/components/plan-summary';
import { TemplateFollowersPanel } from '@/features/stores/components/template-followers-panel';
import { useAuthorization } from '@/lib/authorization';
import { formatDateTime, humanize } from '@/utils/format';

// The dialogs (react-hook-form, zod, the plan editors) load when one is opened.
const TemplateFormDialog = lazy(() =>
  import('@/features/stores/components/template-form-dialog').then((m) => ({
    default: m.TemplateFormDialog,
  })),
);
const CreateStoresDialog = lazy(() =>
  import('@/features/stores/components/create-stores-dialog').then((m) => ({
    default: m.CreateStoresDialog,
  })),
);

/** The page's first queries, started by its route loader (see app/router.tsx). */
export function prefetch(store: AppStore, _request: Request, params: Params) {
  const id = params.templateId;
  if (!id) return;
  const fresh = { ifOlderThan: 10 };
  void store.dispatch(templatesApi.util.prefetch('getTemplate', id, fresh));
  void store.dispatch(templatesApi.util.prefetch('listTemplateStores', id, fresh));
}

export function TemplateDetailRoute() {
  const { templateId = '' } = useParams();
  const { data: template, error, isLoading, refetch } = useGetTemplateQuery(templateId);
  useBreadcrumb(template?.name);
  if (isLoading) return <LoadingState label="Loading template" rows={6} />;
  if (error || !template) {
    const p = toProblem(error);
    return p.status === 404 || p.status === 400 ? (
      <EmptyState
        title="Template not found"
        description="It may have been deleted, or the link is wrong."
      />
    ) : (
      <ErrorState
        error={error}
        title="Could not load the template"
        onRetry={() => void refetch()}
      />
    );
  }
  return <TemplateDetail template={template} />;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography component="p" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography
        component="p"
        variant="body2"
        sx={{ m: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}
      >
        {children || '—'}
      </Typography>
    </Box>
  );
}

function TemplateDetail({ template }: { template: Template }) {
  const navigate = useNavigate();
  const { why } = useAuthorization();
  const writeReason = why('templates:write');
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteTemplate, { isLoading: busy }] = useDeleteTemplateMutation();
  const deleteReason =
    writeReason ??
    (template.storeCount > 0
      ? `${template.storeCount === 1 ? '1 store follows' : `${template.storeCount} stores follow`} this template: only a template no store follows can be deleted.`
      : null);

  const remove = async () => {
    try {
      await deleteTemplate({ id: template.id, version: template.version }).unwrap();
      navigate(paths.templates.getHref(), { replace: true });
    } catch {
      // the toast comes from the error middleware (409: stores follow it; 412: changed)
    }
    setDeleting(false);
  };

  return (
    <>
      <PageHeader
        title={template.name}
        subtitle={
          <Stack
            direction="row"
            spacing={1}
            sx={{ alignItems: 'center', mt: 0.5, flexWrap: 'wrap' }}
          >
            <Chip size="small" label={`Version ${template.version}`} />
            <span>
              {humanize(template.type)} · updated {formatDateTime(template.updatedAt)} by{' '}
              {template.updatedBy}
            </span>
          </Stack>
        }
        actions={
          <>
            <WithReason reason={writeReason}>
              <Button
                variant="contained"
                startIcon={<AddBusinessRounded />}
                disabled={writeReason !== null}
                onClick={() => setCreating(true)}
              >
                Create stores
              </Button>
            </WithReason>
            <WithReason reason={writeReason}>
              <Button
                variant="outlined"
                startIcon={<EditRounded />}
                disabled={writeReason !== null}
                onClick={() => setEditing(true)}
              >
                Edit
              </Button>
            </WithReason>
            <WithReason reason={deleteReason}>
              <Button
                color="error"
                startIcon={<DeleteOutlineRounded />}
                disabled={deleteReason !== null || busy}
                onClick={() => setDeleting(true)}
              >
                Delete
              </Button>
            </WithReason>
          </>
        }
      />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Card>
            <Typography component="h2" variant="h6" sx={{ mb: 2 }}>
              Template
            </Typography>
            <Stack spacing={2}>
              <Field label="Description">{template.description}</Field>
              <Field label="Store type">{humanize(template.type)}</Field>
              <Field label="Tags">{template.tags.join(', ')}</Field>
              <Field label="Notes">{template.notes}</Field>
              <PlanSummary
                hardwarePlan={template.hardwarePlan}
                networkPlan={template.networkPlan}
              />
            </Stack>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <TemplateFollowersPanel template={template} writeReason={writeReason} />
        </Grid>
      </Grid>
      {writeReason === null && (editing || creating) ? (
        <Suspense fallback={null}>
          {editing ? (
            <TemplateFormDialog open onClose={() => setEditing(false)} template={template} />
          ) : (
            <CreateStoresDialog open onClose={() => setCreating(false)} template={template} />
          )}
        </Suspense>
      ) : null}
      <ConfirmDialog
        open={deleting}
        title={`Delete the template ${template.name}?`}
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setDeleting(false)}
        onConfirm={() => void remove()}
      >
        No store follows it. Its history stays in the activity log.
      </ConfirmDialog>
    </>
  );
}
