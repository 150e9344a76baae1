import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Forecast, StoreStatus } from '@/api/generated/openapi';
import { FakeApi, makeStore } from '@/testing/fake-api';
import { renderApp, SilentWebSocket, signedIn } from '@/testing/render';
import { asPhone } from '@/testing/screen-width';

// The go-live calendar and the forecast (issue 16 point 4) on the fake API, which answers
// GET /api/calendar from its stores and GET /api/forecast with what a test sets (both checked
// against docs/openapi.json). The journey against the real service is in e2e/journey.mjs.
// The 180 s bounds only limit waiting on a loaded machine.

function store(code: string, openingDate: string, status: StoreStatus = 'draft', name = code) {
  return makeStore({ code, name: `Store ${name}`, openingDate, status });
}

function calendarRequests(api: FakeApi) {
  return api.requests.filter((r) => r.path.startsWith('/api/calendar')).map((r) => r.path);
}

const cell = (date: RegExp | string) => screen.getByRole('cell', { name: date });

afterEach(() => {
  vi.useRealTimers();
});

describe('calendar: month view', () => {
  it('shows the month in whole weeks, Monday first, each day its stores in their status', async () => {
    const api = new FakeApi();
    const first = store('NYC-0001', '2027-03-01', 'active', 'Fifth Ave');
    api.stores = [
      store('NYC-0002', '2027-03-01', 'failed'),
      first,
      store('LON-0003', '2027-03-15', 'provisioning'),
      store('PAR-0004', '2027-04-02'), // a trailing day of the grid, in April
      store('BER-0005', '2027-06-01'), // not shown
    ];
    renderApp({ route: '/calendar?view=month&date=2027-03-01', api });
    const grid = await screen.findByRole('table', { name: 'March 2027' }, { timeout: 60_000 });
    // One request for the days shown: Monday March 1 to Sunday April 4.
    await waitFor(() =>
      expect(calendarRequests(api)).toEqual(['/api/calendar?from=2027-03-01&to=2027-04-04']),
    );
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(within(grid).getAllByRole('row')).toHaveLength(1 + 5);

    const march1 = await screen.findByRole('cell', { name: /^Monday, March 1, 2027: 2 openings/ });
    const links = within(march1).getAllByRole('link');
    // In code order, as the service sends them.
    expect(links.map((l) => l.textContent)).toEqual([
      'NYC-0001 Store Fifth Ave, Active',
      'NYC-0002 Store NYC-0002, Failed',
    ]);
    expect(links[0]).toHaveAttribute('href', `/stores/${first.id}`);
    expect(links[0]).toHaveAttribute('data-status', 'active');
    expect(within(cell(/^Monday, March 15, 2027/)).getByRole('link')).toHaveAttribute(
      'data-status',
      'provisioning',
    );
    // April's days complete the last week, greyed, with their openings.
    const april2 = cell(/^Friday, April 2, 2027/);
    expect(april2).toHaveAttribute('data-outside', 'true');
    expect(within(april2).getByRole('link', { name: /PAR-0004/ })).toBeInTheDocument();
    expect(cell(/^Wednesday, March 31, 2027/)).not.toHaveAttribute('data-outside');
    expect(screen.queryByRole('link', { name: /BER-0005/ })).toBeNull();
    // The side menu's entry is current.
    expect(screen.getByRole('link', { name: 'Calendar' })).toHaveAttribute('aria-current', 'page');
  }, 180_000);

  it('moves by month and back to today, keeping the view and the date in the URL', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2027, 2, 10, 12, 0));
    const api = new FakeApi();
    api.stores = [store('APR-0001', '2027-04-20')];
    const { user, router } = renderApp({ route: '/calendar', api });
    // No date in the URL: this month, today marked.
    await screen.findByRole('table', { name: 'March 2027' }, { timeout: 60_000 });
    expect(cell(/^Wednesday, March 10, 2027, today/)).toHaveAttribute('aria-current', 'date');

    await user.click(screen.getByRole('button', { name: 'Next month' }));
    expect(router.state.location.search).toBe('?date=2027-04-01');
    await screen.findByRole('table', { name: 'April 2027' });
    expect(
      await within(cell(/^Tuesday, April 20, 2027/)).findByRole('link', { name: /APR-0001/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('cell', { current: 'date' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    expect(router.state.location.search).toBe('?date=2027-02-01');
    // February 2027 starts on a Monday and ends on a Sunday: four weeks exactly.
    const feb = await screen.findByRole('table', { name: 'February 2027' });
    expect(within(feb).getAllByRole('row')).toHaveLength(1 + 4);

    await user.click(screen.getByRole('button', { name: 'Today' }));
    expect(router.state.location.search).toBe('?date=2027-03-10');
    await screen.findByRole('table', { name: 'March 2027' });
    expect(calendarRequests(api)).toEqual([
      '/api/calendar?from=2027-03-01&to=2027-04-04',
      '/api/calendar?from=2027-03-29&to=2027-05-02',
      '/api/calendar?from=2027-02-01&to=2027-02-28',
    ]);
    // Back in the browser returns to the month before.
    act(() => void router.navigate(-1));
    await screen.findByRole('table', { name: 'February 2027' });
  }, 180_000);

  it('shows the first three stores of a busy day and "+N more", which expands', async () => {
    const api = new FakeApi();
    api.stores = ['A', 'B', 'C', 'D', 'E'].map((c) =>
      store(`MALL-00${c.charCodeAt(0)}`, '2027-03-09'),
    );
    const { user } = renderApp({ route: '/calendar?date=2027-03-09', api });
    await screen.findByRole('table', { name: 'March 2027' }, { timeout: 60_000 });
    const day = await screen.findByRole('cell', { name: /^Tuesday, March 9, 2027: 5 openings/ });
    expect(within(day).getAllByRole('link')).toHaveLength(3);
    const more = within(day).getByRole('button', { name: '+2 more' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(within(day).getAllByRole('link')).toHaveLength(5);
    await user.click(within(day).getByRole('button', { name: 'Show fewer' }));
    expect(within(day).getAllByRole('link')).toHaveLength(3);
  }, 180_000);

  it('says when the service listed only part of the range (truncated)', async () => {
    const api = new FakeApi();
    api.stores = [store('NYC-0001', '2027-03-02')];
    api.calendarTruncated = true;
    renderApp({ route: '/calendar?date=2027-03-01', api });
    expect(
      await screen.findByText(/More stores open in these days than the 1 shown/, undefined, {
        timeout: 60_000,
      }),
    ).toBeInTheDocument();
  }, 180_000);

  it('has a friendly empty state for a month without openings', async () => {
    const api = new FakeApi();
    renderApp({ route: '/calendar?date=2027-05-20', api });
    expect(
      await screen.findByText('No openings planned in May 2027', undefined, { timeout: 60_000 }),
    ).toBeInTheDocument();
    // The month is still there to move from.
    expect(screen.getByRole('table', { name: 'May 2027' })).toBeInTheDocument();
  }, 180_000);
});

describe('calendar: week view', () => {
  it('shows the week from Monday, moves by week and switches back to the month', async () => {
    const api = new FakeApi();
    api.stores = [
      store('NYC-0001', '2027-03-03'),
      store('NYC-0002', '2027-03-08'),
      ...['A', 'B', 'C', 'D', 'E'].map((c) => store(`MALL-00${c.charCodeAt(0)}`, '2027-03-05')),
    ];
    const { user, router } = renderApp({ route: '/calendar?view=week&date=2027-03-03', api });
    const week = await screen.findByRole(
      'table',
      { name: 'Mar 1 – Mar 7, 2027' },
      { timeout: 60_000 },
    );
    expect(within(week).getAllByRole('row')).toHaveLength(2);
    expect(calendarRequests(api)).toEqual(['/api/calendar?from=2027-03-01&to=2027-03-07']);
    // A week has room for more of a day's stores than a month.
    const friday = await screen.findByRole('cell', { name: /^Friday, March 5, 2027: 5 openings/ });
    expect(within(friday).getAllByRole('link')).toHaveLength(5);
    expect(within(friday).queryByRole('button', { name: /more/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /NYC-0002/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next week' }));
    expect(router.state.location.search).toBe('?view=week&date=2027-03-08');
    await screen.findByRole('table', { name: 'Mar 8 – Mar 14, 2027' });
    expect(await screen.findByRole('link', { name: /NYC-0002/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Month' }));
    expect(router.state.location.search).toBe('?view=month&date=2027-03-08');
    await screen.findByRole('table', { name: 'March 2027' });
    expect(screen.getByRole('button', { name: 'Month' })).toHaveAttribute('aria-pressed', 'true');
  }, 180_000);
});

describe('calendar on a phone', () => {
  it('lists the days with openings in order instead of the grid', async () => {
    asPhone();
    const api = new FakeApi();
    api.stores = [
      store('LON-0003', '2027-03-15'),
      store('NYC-0001', '2027-03-01'),
      store('NYC-0002', '2027-03-01'),
      store('PAR-0004', '2027-04-02'), // the grid's trailing days are not the month's
    ];
    api.forecast = forecast({
      warnings: [
        {
          storeId: api.stores[1]!.id,
          code: 'NYC-0001',
          name: 'Store NYC-0001',
          status: 'draft',
          openingDate: '2027-03-01',
          overdue: true,
          shortages: [{ kind: 'pool', name: 'iot', missing: 2 }],
        },
      ],
    });
    renderApp({ route: '/calendar?date=2027-03-01', api });
    const agenda = await screen.findByRole(
      'list',
      { name: 'Openings in March 2027' },
      { timeout: 60_000 },
    );
    expect(screen.queryByRole('table', { name: 'March 2027' })).toBeNull();
    const days = within(agenda).getAllByRole('heading', { level: 3 });
    expect(days.map((d) => d.textContent)).toEqual([
      'Monday, March 1, 2027',
      'Monday, March 15, 2027',
    ]);
    expect(
      within(agenda)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual([
      'NYC-0001 Store NYC-0001, Draft',
      'NYC-0002 Store NYC-0002, Draft',
      'LON-0003 Store LON-0003, Draft',
    ]);
    // The forecast too is a list on a phone: each resource's figures in a sentence.
    const resources = await screen.findByRole('list', { name: 'Resources' });
    expect(within(resources).getAllByRole('listitem')[0]).toHaveTextContent(
      'IoT subnetsAddress pool1 free now, 2 needed: 1 short, runs out on Apr 2, 2027',
    );
    const warnings = screen.getByRole('list', { name: 'Openings that cannot be served' });
    expect(within(warnings).getByRole('listitem')).toHaveTextContent(
      'NYC-0001Store NYC-0001Mar 1, 2027overdueDraftLacks 2 IoT subnets',
    );
  }, 180_000);
});

function forecast(over: Partial<Forecast> = {}): Omit<Forecast, 'horizon' | 'until'> {
  return {
    asOf: '2027-03-10',
    openings: 3,
    resources: [
      {
        kind: 'pool',
        name: 'iot',
        free: 1,
        demand: 2,
        left: -1,
        runsOutOn: '2027-04-02',
        timeline: [
          { date: '2027-03-20', take: 1, left: 0 },
          { date: '2027-04-02', take: 1, left: -1 },
        ],
      },
      {
        kind: 'hardware',
        name: 'printer',
        free: 4,
        demand: 5,
        left: -1,
        runsOutOn: '2027-03-10',
        timeline: [{ date: '2027-03-10', take: 5, left: -1 }],
      },
      {
        kind: 'hardware',
        name: 'router',
        free: 10,
        demand: 3,
        left: 7,
        runsOutOn: null,
        timeline: [{ date: '2027-03-10', take: 3, left: 7 }],
      },
    ],
    warnings: [],
    ...over,
  };
}

describe('forecast', () => {
  it('lists each resource with free, demand, left (short in red) and when it runs out', async () => {
    const api = new FakeApi();
    const late = store('NYC-0009', '2027-03-01', 'failed', 'Overdue');
    api.stores = [late];
    api.forecast = forecast({
      warnings: [
        {
          storeId: late.id,
          code: 'NYC-0009',
          name: 'Store Overdue',
          status: 'failed',
          openingDate: '2027-03-01',
          overdue: true,
          shortages: [
            { kind: 'hardware', name: 'printer', missing: 1 },
            { kind: 'pool', name: 'iot', missing: 1 },
          ],
        },
      ],
    });
    const { user } = renderApp({ route: '/calendar?date=2027-03-01', api });
    const table = await screen.findByRole('table', { name: 'Resources' }, { timeout: 60_000 });
    expect(api.requests.some((r) => r.path === '/api/forecast?horizon=90')).toBe(true);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'IoT subnets',
      'Printer',
      'Router',
    ]);
    const cells = (r: HTMLElement) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(rows[0]!).slice(0, 5)).toEqual([
      'Address pool',
      '1',
      '2',
      '1 short',
      'Apr 2, 2027',
    ]);
    expect(cells(rows[2]!).slice(0, 5)).toEqual(['Hardware', '10', '3', '7', '—']);
    expect(screen.getByText(/3 planned openings from Mar 10, 2027 to Jun 8, 2027/)).toBeVisible();

    // Each row's timeline: the days with openings, what each takes and what is left.
    const show = within(rows[0]!).getByRole('button', { name: 'Show the timeline of IoT subnets' });
    await user.click(show);
    expect(show).toHaveAttribute('aria-expanded', 'true');
    const timeline = screen.getByRole('list', { name: 'Timeline of IoT subnets' });
    const days = within(timeline).getAllByRole('listitem');
    expect(days[0]).toHaveTextContent('Mar 20, 2027takes 10 left');
    expect(days[1]).toHaveTextContent('Apr 2, 2027takes 11 short');

    // The openings that cannot be served, with what each lacks, linking to the store.
    const warnings = screen.getByRole('table', { name: 'Openings that cannot be served' });
    const row = within(warnings).getAllByRole('row')[1]!;
    expect(within(row).getByRole('link', { name: 'NYC-0009' })).toHaveAttribute(
      'href',
      `/stores/${late.id}`,
    );
    expect(row).toHaveTextContent('Mar 1, 2027overdue');
    expect(row).toHaveTextContent('Failed');
    expect(row).toHaveTextContent('1 more printer, 1 IoT subnet');
  }, 180_000);

  it('keeps the horizon in the URL; a forecast without warnings says all can be served', async () => {
    const api = new FakeApi();
    api.forecast = forecast();
    const { user, router } = renderApp({ route: '/calendar?horizon=30', api });
    expect(
      await screen.findByText(
        'Every planned opening in the next 30 days can be served.',
        undefined,
        {
          timeout: 60_000,
        },
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Horizon' }));
    await user.click(await screen.findByRole('option', { name: '180 days' }));
    expect(new URLSearchParams(router.state.location.search).get('horizon')).toBe('180');
    expect(
      await screen.findByText('Every planned opening in the next 180 days can be served.'),
    ).toBeInTheDocument();
    expect(api.requests.map((r) => r.path).filter((p) => p.startsWith('/api/forecast'))).toEqual([
      '/api/forecast?horizon=30',
      '/api/forecast?horizon=180',
    ]);
  }, 180_000);

  it('shows a viewer the whole page: it only reads', async () => {
    const api = new FakeApi();
    api.role = 'viewer';
    api.stores = [store('NYC-0001', '2027-03-01')];
    api.forecast = forecast();
    renderApp({ route: '/calendar?date=2027-03-01', api, session: signedIn('viewer') });
    await screen.findByRole('table', { name: 'Resources' }, { timeout: 60_000 });
    expect(await screen.findByRole('link', { name: /NYC-0001/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Calendar' })).toBeInTheDocument();
    expect(api.requests.every((r) => r.method === 'GET')).toBe(true);
  }, 180_000);
});

describe('live updates', () => {
  it('refreshes the calendar and the forecast when a store is created elsewhere', async () => {
    const api = new FakeApi();
    api.stores = [store('NYC-0001', '2027-03-01')];
    api.forecast = forecast();
    renderApp({ route: '/calendar?date=2027-03-01', api });
    await screen.findByRole('link', { name: /NYC-0001/ }, { timeout: 60_000 });
    await screen.findByRole('table', { name: 'Resources' });
    const forecasts = () => api.requests.filter((r) => r.path.startsWith('/api/forecast')).length;
    expect(forecasts()).toBe(1);

    // Another user creates a store opening on March 12, and the forecast changes with it.
    const created = store('NEW-0001', '2027-03-12');
    api.stores.push(created);
    api.forecast = forecast({ openings: 4 });
    const socket = SilentWebSocket.instances.at(-1)!;
    act(() => {
      socket.onopen?.();
      socket.onmessage?.({
        data: JSON.stringify({
          type: 'store.created',
          time: '2027-03-10T12:00:00.000Z',
          data: { id: created.id, code: created.code, status: 'draft', version: 1 },
        }),
      });
    });
    const day = cell(/^Friday, March 12, 2027/);
    expect(await within(day).findByRole('link', { name: /NEW-0001/ })).toBeInTheDocument();
    expect(await screen.findByText(/4 planned openings/)).toBeInTheDocument();
    expect(forecasts()).toBe(2);
  }, 180_000);
});

describe('dashboard warning', () => {
  it('names the openings in the next 90 days that cannot be served and links to the forecast', async () => {
    const api = new FakeApi();
    const stores = ['A', 'B', 'C', 'D'].map((c, i) =>
      store(`MALL-00${c.charCodeAt(0)}`, `2027-03-1${i}`),
    );
    api.stores = stores;
    api.forecast = forecast({
      warnings: stores.map((s, i) => ({
        storeId: s.id,
        code: s.code,
        name: s.name,
        status: s.status,
        openingDate: s.openingDate!,
        overdue: false,
        shortages: [{ kind: 'hardware', name: 'printer', missing: i + 1 }],
      })),
    });
    const { user, router } = renderApp({ route: '/', api });
    const card = await screen.findByRole(
      'region',
      { name: '4 openings in the next 90 days cannot be served' },
      { timeout: 60_000 },
    );
    const items = within(card).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('MALL-0065 · Mar 10, 2027 · 1 more printer');
    expect(items[1]).toHaveTextContent('2 more printers');
    expect(within(items[0]!).getByRole('link', { name: 'MALL-0065' })).toHaveAttribute(
      'href',
      `/stores/${stores[0]!.id}`,
    );
    expect(api.requests.some((r) => r.path === '/api/forecast?horizon=90')).toBe(true);
    await user.click(within(card).getByRole('link', { name: 'See all 4 in the forecast' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/calendar'));
    expect(router.state.location.search).toBe('?horizon=90');
    expect(router.state.location.hash).toBe('#forecast');
    expect(
      await screen.findByRole('heading', { name: 'Go-live calendar', level: 1 }),
    ).toBeVisible();
  }, 180_000);

  it('shows nothing when every opening can be served', async () => {
    const api = new FakeApi();
    api.forecast = forecast();
    const { store } = renderApp({ route: '/', api });
    await screen.findByRole('heading', { name: 'Overview', level: 1 }, { timeout: 60_000 });
    // The forecast has been answered (and rendered): no warnings, no card.
    await waitFor(() =>
      expect(
        Object.values(store.getState().api.queries).some(
          (q) => q?.endpointName === 'getForecast' && q.status === 'fulfilled',
        ),
      ).toBe(true),
    );
    expect(await screen.findByText('Total stores')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /cannot be served/ })).toBeNull();
  }, 180_000);
});
