import { Box, Button, Card, Typography } from '@mui/material';
import { useState } from 'react';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useGetStoreAuditQuery } from '@/features/audit/api/audit-api';
import { AuditEntryItem } from '@/features/audit/components/audit-entry-item';

const FIRST_PAGE = 20;

/** The query of the timeline's first page (what a page's loader prefetches). */
export function storeAuditArgs(storeId: string, pageSize = FIRST_PAGE) {
  return { storeId, pageSize };
}

export function AuditTimeline({ storeId }: { storeId: string }) {
  const [pageSize, setPageSize] = useState(FIRST_PAGE);
  const { data, error, isLoading, isFetching, refetch } = useGetStoreAuditQuery(
    storeAuditArgs(storeId, pageSize),
  );
  const more = data?.total !== undefined && data.total > data.items.length;
  return (
    <Card>
      <Typography component="h2" variant="h6" sx={{ mb: 1.5 }}>
        History
      </Typography>
      {isLoading ? (
        <LoadingState label="Loading history" rows={4} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data?.items.length ? (
        <EmptyState title="No history yet" />
      ) : (
        <>
          <Box component="ul" sx={{ m: 0, p: 0 }} aria-label="Store history">
            {data.items.map((e) => (
              <AuditEntryItem key={e.id} entry={e} showSubject={false} maxChanges={6} />
            ))}
          </Box>
          {more ? (
            <Button
              size="small"
              disabled={isFetching}
              onClick={() => setPageSize((s) => s + FIRST_PAGE)}
            >
              Show older entries
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}
