import { Box, Card, Typography } from '@mui/material';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useGetActivityQuery } from '@/features/audit/api/audit-api';
import { AuditEntryItem } from '@/features/audit/components/audit-entry-item';
import { useDeferredData } from '@/hooks/use-deferred-data';

const DEFAULT_LIMIT = 12;

/** The feed's query for `limit` entries (the dashboard prefetches it with the same key). */
export function activityArgs(limit = DEFAULT_LIMIT) {
  return { page: 1, pageSize: limit };
}

/** The global activity feed; live events invalidate it (api/live-updates.ts). */
export function ActivityFeed({ limit = DEFAULT_LIMIT }: { limit?: number }) {
  const query = useGetActivityQuery(activityArgs(limit));
  const { error, refetch } = query;
  const { data, pending } = useDeferredData(query.data);
  const isLoading = query.isLoading || pending;
  return (
    <Card sx={{ height: '100%' }}>
      <Typography component="h2" variant="h6" sx={{ mb: 1.5 }}>
        Recent activity
      </Typography>
      {isLoading ? (
        <LoadingState label="Loading activity" rows={5} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data?.items.length ? (
        <EmptyState
          title="No activity yet"
          description="Changes to stores and users appear here as they happen."
        />
      ) : (
        <Box
          component="ul"
          sx={{ m: 0, p: 0, maxHeight: 420, overflowY: 'auto' }}
          aria-label="Recent activity"
          tabIndex={0}
        >
          {data.items.map((e) => (
            <AuditEntryItem key={e.id} entry={e} maxChanges={2} />
          ))}
        </Box>
      )}
    </Card>
  );
}
