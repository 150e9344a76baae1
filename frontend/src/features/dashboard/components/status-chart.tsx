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
import { chartPalette, gray, statusColors } from '@/theme/tokens';
import { STORE_STATUSES, STORE_TYPES } from '@/types/api';
import { humanize } from '@/utils/format';

export function StatusChart() {
  const { data, error, isLoading } = useGetStatsQuery();
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
              <CartesianGrid vertical={false} stroke={gray[200]} />
              <XAxis
                dataKey="name"
                tick={{ fontSize: 11, fill: gray[600] }}
                interval={0}
                angle={-20}
                textAnchor="end"
                height={48}
              />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: gray[600] }} />
              <Tooltip />
              <Bar dataKey="value" name="Stores" radius={[4, 4, 0, 0]}>
                {rows.map((r) => (
                  <Cell key={r.status} fill={statusColors[r.status].light.solid} />
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
              <CartesianGrid horizontal={false} stroke={gray[200]} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: gray[600] }} />
              <YAxis
                type="category"
                dataKey="name"
                width={80}
                tick={{ fontSize: 11, fill: gray[600] }}
              />
              <Tooltip />
              <Bar dataKey="value" name="Stores" radius={[0, 4, 4, 0]}>
                {rows.map((r, i) => (
                  <Cell key={r.name} fill={chartPalette[i % chartPalette.length]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}
