import AddRounded from '@mui/icons-material/AddRounded';
import { Button } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';

import type { AppStore } from '@/app/store';
import { PageHeader } from '@/components/ui/page-header';
import { WithReason } from '@/components/ui/with-reason';
import { paths } from '@/config/paths';
import { templatesApi } from '@/features/stores/api/templates-api';
import { TemplateList } from '@/features/stores/components/template-list';
import { useAuthorization } from '@/lib/authorization';

// The form (react-hook-form, zod, the plan editors) loads when it is opened: the list is all
// most visits need.
const TemplateFormDialog = lazy(() =>
  import('@/features/stores/components/template-form-dialog').then((m) => ({
    default: m.TemplateFormDialog,
  })),
);

/** The list, fetched from the route loader (router.tsx). */
export function prefetch(store: AppStore) {
  void store.dispatch(templatesApi.util.prefetch('listTemplates', undefined, { ifOlderThan: 10 }));
}

export function TemplatesRoute() {
  const { why } = useAuthorization();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const reason = why('templates:write');
  return (
    <>
      <PageHeader
        title="Templates"
        subtitle="Store profiles to create stores from by the dozen, and to keep their plans up to date."
        actions={
          <WithReason reason={reason}>
            <Button
              variant="contained"
              startIcon={<AddRounded />}
              disabled={reason !== null}
              onClick={() => setOpen(true)}
            >
              New template
            </Button>
          </WithReason>
        }
      />
      <TemplateList />
      {open && reason === null ? (
        <Suspense fallback={null}>
          <TemplateFormDialog
            open
            onClose={() => setOpen(false)}
            onSaved={(t) => navigate(paths.templateDetail.getHref(t.id))}
          />
        </Suspense>
      ) : null}
    </>
  );
}
