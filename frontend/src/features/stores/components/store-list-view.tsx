import { Stack } from '@mui/material';
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useListStoresQuery } from '@/features/stores/api/stores-api';
import { BulkActions, type BulkRollout } from '@/features/stores/components/bulk-actions';
import { StoreCardList } from '@/features/stores/components/store-card-list';
import { StoreFilters } from '@/features/stores/components/store-filters';
import { useStoreListParams } from '@/features/stores/hooks/use-store-list-params';
import { useIsPhone } from '@/hooks/use-is-phone';

// The data grid is the largest piece of the dashboard's code; phones show cards and never load it.
const StoreGrid = lazy(() =>
  import('@/features/stores/components/store-grid').then((m) => ({ default: m.StoreGrid })),
);

export function StoreListView({
  canBulk,
  onRollout,
}: {
  canBulk: boolean;
  /** Opens the new-rollout dialog for the selected stores (app/routes/stores.tsx). */
  onRollout: (rollout: BulkRollout) => void;
}) {
  const isPhone = useIsPhone();
  const { params, update } = useStoreListParams();
  const query = useListStoresQuery(params);
  const { error, isLoading, isFetching, refetch } = query;
  // A page of 100 rows is rendered as a non-blocking update, so typing and clicks stay
  // responsive while the grid (or the card list) builds.
  const data = useDeferredValue(query.data);
  const [selection, setSelection] = useState<string[]>([]);
  const codes = useRef(new Map<string, string>());
  useEffect(() => {
    data?.items.forEach((s) => codes.current.set(s.id, s.code));
  }, [data]);
  const codeOf = useCallback((id: string) => codes.current.get(id) ?? id, []);
  const clearSelection = useCallback(() => setSelection([]), []);

  const anyFilter = Boolean(
    params.q || params.status || params.type || params.country || params.region || params.tag,
  );
  let body;
  if (isLoading || (query.data !== undefined && data === undefined)) {
    body = <LoadingState label="Loading stores" rows={8} />;
  } else if (error && !data) {
    body = (
      <ErrorState error={error} title="Could not load stores" onRetry={() => void refetch()} />
    );
  } else if (data && data.total === 0 && data.items.length === 0) {
    body = (
      <EmptyState
        title={anyFilter ? 'No store matches these filters' : 'No stores yet'}
        description={
          anyFilter ? 'Change or reset the filters.' : 'Create the first store with “New store”.'
        }
      />
    );
  } else if (isPhone) {
    body = (
      <StoreCardList
        rows={data?.items ?? []}
        total={data?.total ?? 0}
        totalIsEstimate={data?.totalIsEstimate ?? false}
        page={params.page}
        pageSize={params.pageSize}
        selectable={canBulk}
        selection={selection}
        onSelectionChange={setSelection}
        onPageChange={(page) => update({ page })}
      />
    );
  } else {
    body = (
      <Suspense fallback={<LoadingState label="Loading stores" rows={8} />}>
        <StoreGrid
          rows={data?.items ?? []}
          total={data?.total ?? 0}
          totalIsEstimate={data?.totalIsEstimate ?? false}
          page={params.page}
          pageSize={params.pageSize}
          sort={params.sort}
          loading={isFetching}
          selectable={canBulk}
          selection={selection}
          onSelectionChange={setSelection}
          onPageChange={(page) => update({ page })}
          onSortChange={(sort) => update({ sort })}
        />
      </Suspense>
    );
  }

  return (
    <Stack spacing={2}>
      <StoreFilters params={params} update={update} />
      {canBulk ? (
        <BulkActions
          selection={selection}
          sort={params.sort}
          codeOf={codeOf}
          onDone={clearSelection}
          onRollout={onRollout}
        />
      ) : null}
      {body}
    </Stack>
  );
}
