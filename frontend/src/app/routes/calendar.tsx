import { Stack } from '@mui/material';
import { useEffect } from 'react';
import { useLocation } from 'react-router';

import type { AppStore } from '@/app/store';
import { PageHeader } from '@/components/ui/page-header';
import { planningApi } from '@/features/planning/api/planning-api';
import { ForecastPanel } from '@/features/planning/components/forecast-panel';
import { GoLiveCalendar } from '@/features/planning/components/go-live-calendar';
import { planningParamsFromSearch } from '@/features/planning/hooks/use-planning-params';
import { viewRange } from '@/features/planning/utils/calendar-dates';

/** The days shown and the forecast, fetched from the route loader (router.tsx). */
export function prefetch(store: AppStore, request: Request) {
  const { view, date, horizon } = planningParamsFromSearch(new URL(request.url).searchParams);
  const { from, to } = viewRange(view, date);
  void store.dispatch(planningApi.util.prefetch('getCalendar', { from, to }, { ifOlderThan: 10 }));
  void store.dispatch(planningApi.util.prefetch('getForecast', { horizon }, { ifOlderThan: 10 }));
}

/** Reads only: every role sees all of it. */
export function CalendarRoute() {
  const { hash } = useLocation();
  // The dashboard's warning links to /calendar?horizon=90#forecast.
  useEffect(() => {
    if (hash === '#forecast') document.getElementById('forecast')?.scrollIntoView?.();
  }, [hash]);
  return (
    <>
      <PageHeader
        title="Go-live calendar"
        subtitle="Planned openings by date, and whether the pools and the stock will serve them."
      />
      <Stack spacing={2}>
        <GoLiveCalendar />
        <ForecastPanel />
      </Stack>
    </>
  );
}
