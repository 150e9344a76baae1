import { baseApi } from '@/api/base-api';
import type { Calendar, Forecast, operations } from '@/api/generated/openapi';

// The go-live calendar and the forecast (docs/openapi.json, tag "planning"): reads only.
//
// Neither has a tag of its own: the calendar is a list of stores, and the forecast is what the
// planned stores will take from the pools and the stock. So they provide the list tags of what
// they are computed from, and refresh whenever those do: a store created, edited, deleted or
// moved to another status (live events and this user's own mutations invalidate
// `Store:LIST`, api/live-updates.ts), a pool added or removed (`Pool:LIST`), stock added
// (`StockItem:LIST`, `HardwareModel:LIST`).

export type CalendarArgs = operations['getCalendar']['parameters']['query'];
export type ForecastArgs = NonNullable<operations['getForecast']['parameters']['query']>;

export const planningApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getCalendar: build.query<Calendar, CalendarArgs>({
      query: ({ from, to }) => ({ url: '/api/calendar', params: { from, to } }),
      providesTags: [{ type: 'Store', id: 'LIST' }],
    }),
    getForecast: build.query<Forecast, ForecastArgs>({
      query: ({ horizon }) => ({ url: '/api/forecast', params: { horizon } }),
      providesTags: [
        { type: 'Store', id: 'LIST' },
        { type: 'Pool', id: 'LIST' },
        { type: 'StockItem', id: 'LIST' },
        { type: 'HardwareModel', id: 'LIST' },
      ],
    }),
  }),
});

export const { useGetCalendarQuery, useGetForecastQuery } = planningApi;
