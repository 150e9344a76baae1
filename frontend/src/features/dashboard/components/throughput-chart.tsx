import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useGetStatsQuery } from '@/features/dashboard/api/dashboard-api';
import { ChartCard } from '@/features/dashboard/components/chart-card';
import { tooltipProps, useChartColors } from '@/theme/use-chart-colors';

const HOUR_MS = 3_600_000;

/**
 * The last 24 hours, oldest first, one bucket per hour (the server lists only the hours with
 * runs, keyed "YYYY-MM-DDTHH:00:00…Z"); hours without runs count 0.
 */
export function hourlyBuckets(
  byHour: Record<string, number>,
  now: number,
): { key: string; hour: string; succeeded: number }[] {
  const counts = new Map<string, number>();
  for (const [k, n] of Object.entries(byHour)) {
    const key = k.slice(0, 13);
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  const current = Math.floor(now / HOUR_MS) * HOUR_MS;
  return Array.from({ length: 24 }, (_, i) => {
    const t = current - (23 - i) * HOUR_MS;
    const key = new Date(t).toISOString().slice(0, 13);
    return {
      key,
      hour: new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
      succeeded: counts.get(key) ?? 0,
    };
  });
}

export function ThroughputChart() {
  const { data, error, isLoading } = useGetStatsQuery();
  const c = useChartColors();
  const rows = hourlyBuckets(data?.provisioning?.throughputByHour ?? {}, Date.now());
  const total = rows.reduce((a, r) => a + r.succeeded, 0);
  return (
    <ChartCard
      title="Provisioning throughput"
      subtitle={`Stores provisioned per hour, last 24 h${total ? `: ${total}` : ''}`}
    >
      {isLoading ? (
        <LoadingState label="Loading chart" />
      ) : error ? (
        <ErrorState error={error} />
      ) : total === 0 ? (
        <EmptyState
          title="No provisioning data yet"
          description="Figures appear once stores have been provisioned."
        />
      ) : (
        <div
          role="img"
          aria-label={`Provisioning throughput: ${total} stores provisioned in the last 24 hours`}
          style={{ width: '100%', height: '100%' }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
              <CartesianGrid vertical={false} stroke={c.grid} />
              <XAxis dataKey="hour" tick={{ fontSize: 11, fill: c.axis }} minTickGap={24} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: c.axis }} />
              <Tooltip {...tooltipProps(c, 'bar')} />
              <Bar
                dataKey="succeeded"
                name="Succeeded"
                fill={c.status('active')}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}
