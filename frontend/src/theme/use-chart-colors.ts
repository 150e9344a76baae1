import { useColorScheme } from '@mui/material/styles';
import { useMemo } from 'react';

import type { StoreStatus } from '@/api/generated/openapi';
import { chartColors, statusColors, type ChartTokens } from '@/theme/tokens';

export type ResolvedMode = 'light' | 'dark';

/** The colour scheme in effect ("system" resolved), for code that cannot use CSS variables. */
export function useResolvedMode(): ResolvedMode {
  const { mode, systemMode } = useColorScheme();
  return (mode === 'system' ? systemMode : mode) === 'dark' ? 'dark' : 'light';
}

export interface ChartColors extends ChartTokens {
  /** Solid colour of a store status in this scheme. */
  status: (s: StoreStatus) => string;
}

/** Recharts colours (SVG attributes) for the current colour scheme. */
export function useChartColors(): ChartColors {
  const mode = useResolvedMode();
  return useMemo(
    () => ({ ...chartColors[mode], status: (s: StoreStatus) => statusColors[s][mode].solid }),
    [mode],
  );
}

/** Props for Recharts' <Tooltip> so that it follows the theme. */
export function tooltipProps(c: ChartTokens, kind: 'bar' | 'line') {
  return {
    cursor: kind === 'bar' ? { fill: c.cursor } : { stroke: c.axis },
    contentStyle: {
      background: c.tooltip.background,
      border: `1px solid ${c.tooltip.border}`,
      borderRadius: 8,
      color: c.tooltip.text,
    },
    labelStyle: { color: c.tooltip.text, fontWeight: 600 },
    itemStyle: { color: c.tooltip.text },
  };
}
