import { Box, Card, TablePagination } from '@mui/material';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useGetActivityQuery, type AuditQuery } from '@/features/audit/api/audit-api';
import { AuditEntryItem } from '@/features/audit/components/audit-entry-item';
import { pageRangeLabel } from '@/utils/format';

export const ACTIVITY_PAGE_SIZES = [25, 50, 100];

/**
 * One page of the global audit feed for `query`: who did what to which store, when, and
 * every field's before → after.
 */
export function ActivityLog({
  query,
  filtered,
  onPage,
}: {
  query: AuditQuery & { page: number; pageSize: number };
  filtered: boolean;
  onPage: (page: number, pageSize: number) => void;
}) {
  const { data, error, isLoading, isFetching, refetch } = useGetActivityQuery(query);
  if (isLoading) return <LoadingState label="Loading activity" rows={6} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <Card>
      {!data?.items.length ? (
        <EmptyState
          title={filtered ? 'No matching activity' : 'No activity yet'}
          description={
            filtered
              ? 'Widen the time range or clear a filter.'
              : 'Changes to stores, users, stock and pools appear here.'
          }
        />
      ) : (
        <>
          <Box
            component="ul"
            aria-label="Activity"
            aria-busy={isFetching}
            sx={{ m: 0, p: 0, opacity: isFetching ? 0.6 : 1 }}
          >
            {data.items.map((e) => (
              <AuditEntryItem key={e.id} entry={e} maxChanges={50} />
            ))}
          </Box>
          <TablePagination
            component="div"
            count={data.total}
            labelDisplayedRows={pageRangeLabel(data.totalIsEstimate)}
            page={query.page - 1}
            onPageChange={(_e, p) => onPage(p + 1, query.pageSize)}
            rowsPerPage={query.pageSize}
            rowsPerPageOptions={ACTIVITY_PAGE_SIZES}
            onRowsPerPageChange={(e) => onPage(1, Number(e.target.value))}
          />
        </>
      )}
    </Card>
  );
}
