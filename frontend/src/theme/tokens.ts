import type { RunStep, StoreStatus } from '@/api/generated/openapi';

// Design tokens: colour scales (after MUI's dashboard template) and the one map from
// statuses to colours. Nothing else in the app names a colour.

export const brand = {
  50: 'hsl(210, 100%, 95%)',
  100: 'hsl(210, 100%, 92%)',
  200: 'hsl(210, 100%, 80%)',
  300: 'hsl(210, 100%, 65%)',
  400: 'hsl(210, 98%, 48%)',
  500: 'hsl(210, 98%, 42%)',
  600: 'hsl(210, 98%, 55%)',
  700: 'hsl(210, 100%, 35%)',
  800: 'hsl(210, 100%, 16%)',
  900: 'hsl(210, 100%, 21%)',
} as const;

export const gray = {
  50: 'hsl(220, 35%, 97%)',
  100: 'hsl(220, 30%, 94%)',
  200: 'hsl(220, 20%, 88%)',
  300: 'hsl(220, 20%, 80%)',
  400: 'hsl(220, 20%, 65%)',
  500: 'hsl(220, 20%, 42%)',
  600: 'hsl(220, 20%, 35%)',
  700: 'hsl(220, 20%, 25%)',
  800: 'hsl(220, 30%, 6%)',
  900: 'hsl(220, 35%, 3%)',
} as const;

export const green = {
  50: 'hsl(120, 80%, 98%)',
  100: 'hsl(120, 75%, 94%)',
  200: 'hsl(120, 75%, 87%)',
  300: 'hsl(120, 61%, 77%)',
  400: 'hsl(120, 44%, 53%)',
  500: 'hsl(120, 59%, 30%)',
  600: 'hsl(120, 70%, 25%)',
  700: 'hsl(120, 75%, 16%)',
  800: 'hsl(120, 84%, 10%)',
  900: 'hsl(120, 87%, 6%)',
} as const;

export const orange = {
  50: 'hsl(45, 100%, 97%)',
  100: 'hsl(45, 92%, 90%)',
  200: 'hsl(45, 94%, 80%)',
  300: 'hsl(45, 90%, 65%)',
  400: 'hsl(45, 90%, 40%)',
  500: 'hsl(45, 90%, 35%)',
  600: 'hsl(45, 91%, 25%)',
  700: 'hsl(45, 94%, 20%)',
  800: 'hsl(45, 95%, 16%)',
  900: 'hsl(45, 93%, 12%)',
} as const;

export const red = {
  50: 'hsl(0, 100%, 97%)',
  100: 'hsl(0, 92%, 90%)',
  200: 'hsl(0, 94%, 80%)',
  300: 'hsl(0, 90%, 65%)',
  400: 'hsl(0, 90%, 40%)',
  500: 'hsl(0, 90%, 30%)',
  600: 'hsl(0, 91%, 25%)',
  700: 'hsl(0, 94%, 18%)',
  800: 'hsl(0, 95%, 12%)',
  900: 'hsl(0, 93%, 6%)',
} as const;

export const violet = {
  50: 'hsl(265, 100%, 97%)',
  300: 'hsl(265, 80%, 72%)',
  400: 'hsl(265, 60%, 55%)',
  700: 'hsl(265, 60%, 35%)',
  800: 'hsl(265, 60%, 22%)',
} as const;

export interface ChipColors {
  bg: string;
  fg: string;
  border: string;
  /** Solid colour for charts, dots and stepper icons. */
  solid: string;
}

export interface ModeColors {
  light: ChipColors;
  dark: ChipColors;
}

export const statusColors: Record<StoreStatus, ModeColors> = {
  draft: {
    light: { bg: gray[100], fg: gray[700], border: gray[300], solid: gray[400] },
    dark: { bg: gray[700], fg: gray[100], border: gray[500], solid: gray[400] },
  },
  provisioning: {
    light: { bg: brand[50], fg: brand[700], border: brand[200], solid: brand[400] },
    dark: { bg: brand[800], fg: brand[100], border: brand[700], solid: brand[300] },
  },
  active: {
    light: { bg: green[50], fg: green[700], border: green[300], solid: green[400] },
    dark: { bg: green[800], fg: green[200], border: green[600], solid: green[400] },
  },
  failed: {
    light: { bg: red[50], fg: red[500], border: red[200], solid: red[400] },
    dark: { bg: red[800], fg: red[100], border: red[600], solid: red[300] },
  },
  decommissioning: {
    light: { bg: orange[50], fg: orange[700], border: orange[300], solid: orange[300] },
    dark: { bg: orange[800], fg: orange[100], border: orange[600], solid: orange[300] },
  },
  decommissioned: {
    light: { bg: violet[50], fg: violet[700], border: violet[300], solid: violet[400] },
    dark: { bg: violet[800], fg: violet[50], border: violet[400], solid: violet[300] },
  },
};

export const stepColors: Record<RunStep['status'], ModeColors> = {
  pending: statusColors.draft,
  running: statusColors.provisioning,
  succeeded: statusColors.active,
  failed: statusColors.failed,
  skipped: statusColors.decommissioned,
};

// Rollouts and their stores map their statuses onto these in
// features/rollouts/components/rollout-status.tsx: every page loads this file, and the store
// page and the wizard are at their budgets (issue 17).

/** Circuit-breaker and dependency health states. */
export const healthColors: Record<'ok' | 'degraded' | 'down' | 'unknown', ModeColors> = {
  ok: statusColors.active,
  degraded: statusColors.decommissioning,
  down: statusColors.failed,
  unknown: statusColors.draft,
};

export interface ChartTokens {
  grid: string;
  axis: string;
  /** Hover band behind a bar. */
  cursor: string;
  tooltip: { background: string; border: string; text: string };
  /** Series colours for charts that are not keyed by status. */
  palette: string[];
  /** The two lines of the latency chart. */
  primary: string;
  secondary: string;
}

/** Chart colours per colour scheme (Recharts takes SVG attributes, not CSS variables). */
export const chartColors: Record<'light' | 'dark', ChartTokens> = {
  light: {
    grid: gray[200],
    axis: gray[600],
    cursor: gray[100],
    tooltip: { background: 'hsl(0, 0%, 100%)', border: gray[200], text: gray[800] },
    palette: [brand[400], green[400], orange[400], red[400], violet[400], gray[400]],
    primary: brand[400],
    secondary: orange[400],
  },
  // Lighter tints on the dark paper, so that every series keeps ≥ 3:1 against it.
  dark: {
    grid: gray[700],
    axis: gray[300],
    cursor: gray[700],
    tooltip: { background: gray[800], border: gray[600], text: gray[50] },
    palette: [brand[300], green[300], orange[300], red[300], violet[300], gray[300]],
    primary: brand[300],
    secondary: orange[300],
  },
};
