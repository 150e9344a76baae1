import AddRounded from '@mui/icons-material/AddRounded';
import { Button, Stack } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';

import type { RolloutStatus } from '@/api/generated/openapi';
import type { AppStore } from '@/app/store';
import { SelectFilter } from '@/components/ui/filter-fields';
import { PageHeader } from '@/components/ui/page-header';
import { WithReason } from '@/components/ui/with-reason';
import { rolloutsApi } from '@/features/rollouts/api/rollouts-api';
import { FIRST_LIMIT, RolloutList } from '@/features/rollouts/components/rollout-list';
import { ROLLOUT_STATUSES } from '@/features/rollouts/utils/rollout-rules';
import { useAuthorization } from '@/lib/authorization';

// The form (react-hook-form, zod, the store picker) loads when it is opened.
const NewRolloutDialog = lazy(() =>
  import('@/features/rollouts/components/new-rollout-dialog').then((m) => ({
    default: m.NewRolloutDialog,
  })),
);

function statusOf(search: URLSearchParams): RolloutStatus | undefined {
  const s = search.get('status');
  return (ROLLOUT_STATUSES as readonly string[]).includes(s ?? '')
    ? (s as RolloutStatus)
    : undefined;
}

function limitOf(search: URLSearchParams): number {
  const n = Number(search.get('limit'));
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : FIRST_LIMIT;
}

/** The list the URL asks for, fetched from the route loader (router.tsx). */
export function prefetch(store: AppStore, request: Request) {
  const search = new URL(request.url).searchParams;
  void store.dispatch(
    rolloutsApi.util.prefetch(
      'listRollouts',
      { status: statusOf(search), limit: limitOf(search) },
      { ifOlderThan: 10 },
    ),
  );
}

export function RolloutsRoute() {
  const { why } = useAuthorization();
  const [search, setSearch] = useSearchParams();
  const [open, setOpen] = useState(false);
  const status = statusOf(search);
  const limit = limitOf(search);
  const reason = why('rollouts:write');
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="Rollouts"
        subtitle="Stores provisioned or decommissioned in waves, live: a canary, then batches."
        actions={
          <WithReason reason={reason}>
            <Button
              variant="contained"
              startIcon={<AddRounded />}
              disabled={reason !== null}
              onClick={() => setOpen(true)}
            >
              New rollout
            </Button>
          </WithReason>
        }
      />
      <Stack spacing={2}>
        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
          <SelectFilter<RolloutStatus>
            label="Status"
            anyLabel="Any status"
            value={status ?? ''}
            options={ROLLOUT_STATUSES}
            onChange={(v) => set({ status: v || null, limit: null })}
            size="small"
            minWidth={180}
          />
        </Stack>
        <RolloutList status={status} limit={limit} onShowMore={(n) => set({ limit: String(n) })} />
      </Stack>
      {open && reason === null ? (
        <Suspense fallback={null}>
          <NewRolloutDialog open onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
