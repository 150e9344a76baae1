import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

import {
  parseIsoDate,
  todayIso,
  type CalendarView,
} from '@/features/planning/utils/calendar-dates';

/** The forecast horizons offered, in days. */
export const HORIZONS = [30, 60, 90, 180, 365] as const;
export const DEFAULT_HORIZON = 90;

export interface PlanningParams {
  view: CalendarView;
  /** A day of the month or week shown. */
  date: string;
  horizon: number;
}

/** The calendar's view and date and the forecast's horizon of a /calendar URL's search part. */
export function planningParamsFromSearch(search: URLSearchParams, today = todayIso()) {
  const horizon = Number(search.get('horizon'));
  return {
    view: search.get('view') === 'week' ? 'week' : 'month',
    // A date the URL does not hold (or a hand-edited one that is not a date): today.
    date: parseIsoDate(search.get('date')) ?? today,
    horizon: (HORIZONS as readonly number[]).includes(horizon) ? horizon : DEFAULT_HORIZON,
  } satisfies PlanningParams;
}

/**
 * The view, date and horizon, kept in the URL (`?view=month&date=2027-03-01&horizon=90`) so a
 * copied link reopens the same calendar and forecast. Each change is a history entry of its
 * own: Back returns to the month before.
 */
export function usePlanningParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => planningParamsFromSearch(search), [search]);
  const update = useCallback(
    (changes: Partial<PlanningParams>) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) next.set(k, String(v));
          return next;
        },
        { preventScrollReset: true },
      );
    },
    [setSearch],
  );
  return { ...params, update };
}
