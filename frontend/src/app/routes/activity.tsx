import { Button, Card, MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

import { PageHeader } from '@/components/ui/page-header';
import type { AuditQuery } from '@/features/audit/api/audit-api';
import { ACTIVITY_PAGE_SIZES, ActivityLog } from '@/features/audit/components/activity-log';
import { ACTION_TEXT } from '@/features/audit/components/audit-entry-item';
import { StorePicker } from '@/features/stores/components/store-picker';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { humanize } from '@/utils/format';

const ACTIONS = Object.keys(ACTION_TEXT).sort();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A datetime-local value ("2026-12-06T10:30") as an RFC 3339 instant, or nothing. */
function toInstant(local: string | null): string | undefined {
  if (!local) return undefined;
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** The global activity feed, filtered by actor, action, store and time range (kept in the URL). */
export function ActivityRoute() {
  const [search, setSearch] = useSearchParams();
  // The filters as last set, not as last rendered: a change made before the previous one has
  // rendered (Clear filters, then a store picked at once) must not bring back what was cleared.
  const latest = useRef(search);
  useEffect(() => {
    latest.current = search;
  }, [search]);
  const apply = (next: URLSearchParams) => {
    latest.current = next;
    setSearch(next, { replace: true });
  };
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(latest.current);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    apply(next);
  };
  const [actorInput, setActorInput] = useState(search.get('actor') ?? '');
  const actor = useDebouncedValue(actorInput.trim(), 400);
  useEffect(() => {
    if ((search.get('actor') ?? '') !== actor) set({ actor: actor || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actor]);

  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const sizeParam = Number.parseInt(search.get('pageSize') ?? '', 10);
  const pageSize = ACTIVITY_PAGE_SIZES.includes(sizeParam) ? sizeParam : 25;
  const action = ACTIONS.find((a) => a === search.get('action')) ?? '';
  const storeId = UUID.test(search.get('storeId') ?? '') ? search.get('storeId') : null;
  const from = search.get('from');
  const to = search.get('to');
  const query: AuditQuery & { page: number; pageSize: number } = { page, pageSize };
  if (search.get('actor')) query.actor = search.get('actor') ?? undefined;
  if (action) query.action = action;
  if (storeId) query.storeId = storeId;
  const fromInstant = toInstant(from);
  const toInstantValue = toInstant(to);
  if (fromInstant) query.from = fromInstant;
  if (toInstantValue && (!fromInstant || toInstantValue > fromInstant)) query.to = toInstantValue;
  const filtered = Boolean(query.actor || query.action || query.storeId || query.from || query.to);

  return (
    <>
      <PageHeader
        title="Activity"
        subtitle="Everything that changed, who changed it and when, newest first."
      />
      <Card sx={{ mb: 2 }}>
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={1.5}
          sx={{
            flexWrap: { md: 'wrap' },
            gap: { md: 1.5 },
            '& > *': { m: { md: '0 !important' } },
          }}
          role="search"
          aria-label="Activity filters"
        >
          <TextField
            size="small"
            label="Actor"
            value={actorInput}
            onChange={(e) => setActorInput(e.target.value)}
            helperText="Exact username"
          />
          <TextField
            select
            size="small"
            label="Action"
            value={action}
            onChange={(e) => set({ action: e.target.value || null })}
            sx={{ minWidth: 220 }}
          >
            <MenuItem value="">Any action</MenuItem>
            {ACTIONS.map((a) => (
              <MenuItem key={a} value={a}>
                {humanize(a)}
              </MenuItem>
            ))}
          </TextField>
          <StorePicker value={storeId} onChange={(id) => set({ storeId: id })} />
          <TextField
            size="small"
            type="datetime-local"
            label="From"
            value={from ?? ''}
            onChange={(e) => set({ from: e.target.value || null })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            size="small"
            type="datetime-local"
            label="To"
            value={to ?? ''}
            onChange={(e) => set({ to: e.target.value || null })}
            slotProps={{ inputLabel: { shrink: true } }}
            error={Boolean(fromInstant && toInstantValue && toInstantValue <= fromInstant)}
            helperText={
              fromInstant && toInstantValue && toInstantValue <= fromInstant
                ? 'Must be later than From'
                : undefined
            }
          />
          {filtered ? (
            <Button
              onClick={() => {
                setActorInput('');
                apply(new URLSearchParams());
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </Stack>
      </Card>
      <ActivityLog
        query={query}
        filtered={filtered}
        onPage={(p, size) => set({ page: String(p), pageSize: String(size) })}
      />
    </>
  );
}
