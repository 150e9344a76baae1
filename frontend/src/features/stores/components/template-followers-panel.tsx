import SyncRounded from '@mui/icons-material/SyncRounded';
import { Alert, Box, Button, Card, Chip, Link, TableCell, TableRow } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';

import type { Template, TemplateSyncResult } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { StoreStatusChip } from '@/components/ui/store-status-chip';
import { PanelHeader, QueryTable, SimpleTable } from '@/components/ui/table-panel';
import { WithReason } from '@/components/ui/with-reason';
import { paths } from '@/config/paths';
import {
  useListTemplateStoresQuery,
  useSyncTemplateStoresMutation,
} from '@/features/stores/api/templates-api';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const RESULT_TEXT: Record<TemplateSyncResult['results'][number]['status'], string> = {
  updated: 'Updated',
  unchanged: 'Unchanged',
  rejected: 'Rejected',
};

/** What a sync did, store by store: rejected first (what needs a look), then in its order. */
function SyncResults({ result }: { result: TemplateSyncResult }) {
  const rows = [...result.results].sort(
    (a, b) => Number(b.status === 'rejected') - Number(a.status === 'rejected'),
  );
  return (
    <Box sx={{ mt: 2 }}>
      <Alert severity={result.rejected ? 'warning' : 'success'} role="status" sx={{ mb: 1 }}>
        Version {result.templateVersion}: {result.updated} updated, {result.unchanged} unchanged,{' '}
        {result.rejected} rejected.
      </Alert>
      <SimpleTable label="Sync results" headers={['Store', 'Result', 'Store version', 'Reason']}>
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              {r.code ? (
                <Link component={RouterLink} to={paths.storeDetail.getHref(r.id)}>
                  {r.code}
                </Link>
              ) : (
                // No such store, or it does not follow the template: its id is all there is.
                `Store ${r.id.slice(0, 8)}`
              )}
            </TableCell>
            <TableCell>{RESULT_TEXT[r.status]}</TableCell>
            <TableCell>{r.version ?? '—'}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{r.reason ?? ''}</TableCell>
          </TableRow>
        ))}
      </SimpleTable>
    </Box>
  );
}

/**
 * The stores that follow a template, with the version each has ("behind" when older and still
 * editable), and the bulk action that brings those behind up to the version shown on the page
 * (POST …/sync with it: a 412 when the template changed meanwhile).
 */
export function TemplateFollowersPanel({
  template,
  writeReason,
}: {
  template: Template;
  /** Why the user may not sync (their role), or null. */
  writeReason: string | null;
}) {
  const query = useListTemplateStoresQuery(template.id);
  const [sync, { isLoading }] = useSyncTemplateStoresMutation();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<TemplateSyncResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const behind = query.data?.behind ?? template.behindCount;
  const reason =
    writeReason ?? (behind === 0 ? 'Every store that can be edited is up to date.' : null);

  const run = async () => {
    setError(null);
    try {
      const r = await sync({
        id: template.id,
        request: { templateVersion: template.version },
      }).unwrap();
      setResult(r);
    } catch (err) {
      const p = toProblem(err);
      setResult(null);
      setError(
        p.status === 412
          ? `The template changed since this page showed version ${template.version}${
              p.currentVersion ? ` (now version ${p.currentVersion})` : ''
            }: review it and try again.`
          : problemMessage(p),
      );
    }
    setConfirming(false);
  };

  const label = `Bring ${plural(behind, 'store')} up to date`;
  return (
    <Card>
      <PanelHeader
        title="Stores following this template"
        actions={
          <WithReason reason={reason}>
            <Button
              variant="outlined"
              startIcon={<SyncRounded />}
              disabled={reason !== null || isLoading}
              onClick={() => setConfirming(true)}
            >
              {label}
            </Button>
          </WithReason>
        }
      />
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 1 }}>
          {error}
        </Alert>
      ) : null}
      <QueryTable
        query={query}
        label="Followers"
        headers={['Code', 'Name', 'Status', 'Template version']}
        loadingLabel="Loading the stores"
        errorTitle="Could not load the stores of this template"
        empty={{
          title: 'No store follows this template',
          description: 'Create stores from it: they remember the template and its version.',
        }}
      >
        {(items) =>
          items.map((s) => (
            <TableRow key={s.id}>
              <TableCell component="th" scope="row">
                <Link component={RouterLink} to={paths.storeDetail.getHref(s.id)}>
                  {s.code}
                </Link>
              </TableCell>
              <TableCell>{s.name}</TableCell>
              <TableCell>
                <StoreStatusChip status={s.status} size="small" />
              </TableCell>
              <TableCell>
                v{s.templateVersion}{' '}
                {s.behind ? (
                  <Chip
                    size="small"
                    color="warning"
                    variant="outlined"
                    label={`behind (v${template.version})`}
                  />
                ) : null}
              </TableCell>
            </TableRow>
          ))
        }
      </QueryTable>
      {result ? <SyncResults result={result} /> : null}
      <ConfirmDialog
        open={confirming}
        title={`${label}?`}
        confirmLabel="Bring up to date"
        busy={isLoading}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run()}
      >
        {`Their hardware and network plans become those of version ${template.version} of ${template.name}; each store gets a new version of its own. A store in a run or decommissioned is left as it is, with the reason.`}
      </ConfirmDialog>
    </Card>
  );
}
