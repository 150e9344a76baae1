import { Box, Typography } from '@mui/material';

import { storeStatusValues, storeTypeValues } from '@/api/generated/openapi';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useGetStatsQuery } from '@/features/dashboard/api/dashboard-api';
import { ChartCard } from '@/features/dashboard/components/chart-card';
import { useDeferredData } from '@/hooks/use-deferred-data';
import { useChartColors } from '@/theme/use-chart-colors';
import { humanize } from '@/utils/format';

interface BarRow {
  key: string;
  name: string;
  value: number;
  color: string;
}

/**
 * Counts as horizontal bars drawn with plain boxes: real text for screen readers and no
 * charting code, so the first charts on the dashboard paint with the figures above them.
 */
function CountBars({ label, rows }: { label: string; rows: BarRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <Box
      component="ul"
      aria-label={label}
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-around',
      }}
    >
      {rows.map((r) => (
        <Box
          component="li"
          key={r.key}
          sx={{
            display: 'grid',
            gridTemplateColumns: '9.5rem 1fr 2.5rem',
            alignItems: 'center',
            columnGap: 1,
          }}
        >
          <Typography variant="body2" color="text.secondary" noWrap>
            {r.name}
          </Typography>
          <Box
            aria-hidden
            sx={{ height: 14, borderRadius: 1, bgcolor: 'action.hover', overflow: 'hidden' }}
          >
            <Box
              sx={{
                height: '100%',
                width: `${(r.value / max) * 100}%`,
                minWidth: r.value > 0 ? 4 : 0,
                borderRadius: 1,
              }}
              style={{ backgroundColor: r.color }}
            />
          </Box>
          <Typography variant="body2" sx={{ fontWeight: 600, textAlign: 'right' }}>
            {r.value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function CountChart({
  title,
  subtitle,
  rowsOf,
}: {
  title: string;
  subtitle?: string;
  rowsOf: (stats: NonNullable<ReturnType<typeof useGetStatsQuery>['data']>) => BarRow[];
}) {
  const query = useGetStatsQuery();
  const { error } = query;
  const { data, pending } = useDeferredData(query.data);
  const isLoading = query.isLoading || pending;
  return (
    <ChartCard title={title} subtitle={subtitle}>
      {isLoading ? (
        <LoadingState label="Loading chart" />
      ) : error ? (
        <ErrorState error={error} />
      ) : !data?.total ? (
        <EmptyState title="No stores yet" />
      ) : (
        <CountBars label={title} rows={rowsOf(data)} />
      )}
    </ChartCard>
  );
}

export function StatusChart() {
  const c = useChartColors();
  return (
    <CountChart
      title="Stores by status"
      subtitle="Across the whole chain"
      rowsOf={(stats) =>
        storeStatusValues.map((s) => ({
          key: s,
          name: humanize(s),
          value: stats.byStatus[s] ?? 0,
          color: c.status(s),
        }))
      }
    />
  );
}

export function TypeChart() {
  const c = useChartColors();
  return (
    <CountChart
      title="Stores by type"
      rowsOf={(stats) =>
        storeTypeValues.map((t, i) => ({
          key: t,
          name: humanize(t),
          value: stats.byType[t] ?? 0,
          color: c.palette[i % c.palette.length],
        }))
      }
    />
  );
}
