import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
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
import { tooltipProps, useChartColors } from '@/theme/use-chart-colors';
import { STORE_STATUSES, STORE_TYPES } from '@/types/api';
import { humanize } from '@/utils/format';

export function StatusChart() {
  const { data, error, isLoading } = useGetStatsQuery();
  const c = useChartColors();
  const rows = STORE_STATUSES.map((s) => ({
    name: humanize(s),
    status: s,
    value: data?.byStatus[s] ?? 0,
  }));
  const summary = rows.map((r) => `${r.name}: ${r.value}`).join(', ');
  return (
    <ChartCard title="Stores by status" subtitle="Across the whole chain">
      {isLoading ? (
        <LoadingState label="Loading chart" />
      ) : error ? (
        <ErrorState error={error} />
      ) : !data?.total ? (
        <EmptyState title="No stores yet" />
      ) : (
        <div
          role="img"
          aria-label={`Stores by status. ${summary}`}
          style={{ width: '100%', height: '100%' }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
              <CartesianGrid vertical={false} stroke={c.grid} />
              <XAxis
                dataKey="name"
                tick={{ fontSize: 11, fill: c.axis }}
                interval={0}
                angle={-20}
                textAnchor="end"
                height={48}
              />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: c.axis }} />
              <Tooltip {...tooltipProps(c, 'bar')} />
              <Bar dataKey="value" name="Stores" radius={[4, 4, 0, 0]} isAnimationActive={false}>
                {rows.map((r) => (
                  <Cell key={r.status} fill={c.status(r.status)} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}

export function TypeChart() {
  const { data, error, isLoading } = useGetStatsQuery();
  const c = useChartColors();
  const rows = STORE_TYPES.map((t) => ({ name: humanize(t), value: data?.byType[t] ?? 0 }));
  const summary = rows.map((r) => `${r.name}: ${r.value}`).join(', ');
  return (
    <ChartCard title="Stores by type">
      {isLoading ? (
        <LoadingState label="Loading chart" />
      ) : error ? (
        <ErrorState error={error} />
      ) : !data?.total ? (
        <EmptyState title="No stores yet" />
      ) : (
        <div
          role="img"
          aria-label={`Stores by type. ${summary}`}
          style={{ width: '100%', height: '100%' }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={rows}
              layout="vertical"
              margin={{ top: 8, right: 16, left: 8, bottom: 0 }}
            >
              <CartesianGrid horizontal={false} stroke={c.grid} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: c.axis }} />
              <YAxis
                type="category"
                dataKey="name"
                width={80}
                tick={{ fontSize: 11, fill: c.axis }}
              />
              <Tooltip {...tooltipProps(c, 'bar')} />
              <Bar dataKey="value" name="Stores" radius={[0, 4, 4, 0]} isAnimationActive={false}>
                {rows.map((r, i) => (
                  <Cell key={r.name} fill={c.palette[i % c.palette.length]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}
