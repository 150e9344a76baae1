import { useEffect, useRef, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import {
  latencyBetween,
  useGetLatencyQuery,
  type LatencySnapshot,
} from '@/features/dashboard/api/dashboard-api';
import { ChartCard } from '@/features/dashboard/components/chart-card';
import { tooltipProps, useChartColors } from '@/theme/use-chart-colors';

interface Point {
  time: string;
  avgMs: number;
  p95Ms: number | null;
}

const MAX_POINTS = 40;

/** Request latency of the service, sampled from /metrics while the dashboard is open. */
export function LatencyChart({ intervalMs = 10000 }: { intervalMs?: number }) {
  const { data, error, isLoading } = useGetLatencyQuery(undefined, { pollingInterval: intervalMs });
  const c = useChartColors();
  const prev = useRef<LatencySnapshot | null>(null);
  const [points, setPoints] = useState<Point[]>([]);
  useEffect(() => {
    if (!data) return;
    const before = prev.current;
    prev.current = data;
    if (!before) return;
    const l = latencyBetween(before, data);
    if (!l) return;
    const time = new Date().toLocaleTimeString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    setPoints((p) => [
      ...p.slice(-(MAX_POINTS - 1)),
      { time, avgMs: Math.round(l.avgMs * 10) / 10, p95Ms: l.p95Ms },
    ]);
  }, [data]);
  const last = points[points.length - 1];
  return (
    <ChartCard
      title="Request latency"
      subtitle={
        last
          ? `now: mean ${last.avgMs} ms, p95 ≤ ${last.p95Ms ?? '—'} ms`
          : 'Sampled every 10 s while this page is open'
      }
    >
      {isLoading ? (
        <LoadingState label="Loading chart" />
      ) : error ? (
        <ErrorState error={error} />
      ) : points.length === 0 ? (
        <EmptyState
          title="Collecting samples…"
          description="The first point appears after two samples with traffic between them."
        />
      ) : (
        <div
          role="img"
          aria-label={`Request latency: mean ${last?.avgMs} ms`}
          style={{ width: '100%', height: '100%' }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid vertical={false} stroke={c.grid} />
              <XAxis dataKey="time" tick={{ fontSize: 11, fill: c.axis }} minTickGap={32} />
              <YAxis unit=" ms" tick={{ fontSize: 11, fill: c.axis }} width={64} />
              <Tooltip {...tooltipProps(c, 'line')} />
              <Line
                type="monotone"
                dataKey="avgMs"
                name="Mean"
                stroke={c.primary}
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="p95Ms"
                name="p95"
                stroke={c.secondary}
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}
