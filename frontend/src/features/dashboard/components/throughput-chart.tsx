import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useGetStatsQuery } from '@/features/dashboard/api/dashboard-api';
import { ChartCard } from '@/features/dashboard/components/chart-card';
import { gray, statusColors } from '@/theme/tokens';

export function ThroughputChart() {
  const { data, error, isLoading } = useGetStatsQuery();
  const rows = Object.entries(data?.provisioning?.throughputByHour ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([hour, succeeded]) => ({
      hour: new Date(hour).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
      succeeded,
    }));
  const total = rows.reduce((a, r) => a + r.succeeded, 0);
  return (
    <ChartCard title="Provisioning throughput" subtitle="Stores provisioned per hour, last 24 h">
      {isLoading ? (
        <LoadingState label="Loading chart" />
      ) : error ? (
        <ErrorState error={error} />
      ) : rows.length === 0 ? (
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
            <AreaChart data={rows} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
              <CartesianGrid vertical={false} stroke={gray[200]} />
              <XAxis dataKey="hour" tick={{ fontSize: 11, fill: gray[600] }} minTickGap={24} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: gray[600] }} />
              <Tooltip />
              <Area
                type="monotone"
                dataKey="succeeded"
                name="Succeeded"
                stackId="1"
                stroke={statusColors.active.light.solid}
                fill={statusColors.active.light.solid}
                fillOpacity={0.3}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}
