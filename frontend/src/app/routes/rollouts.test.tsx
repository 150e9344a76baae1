import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Rollout, Store } from '@/api/generated/openapi';
import {
  FakeApi,
  makeRollout,
  makeRolloutItem,
  makeStore,
  problem,
  rolloutCounts,
} from '@/testing/fake-api';
import { renderApp, SilentWebSocket, signedIn } from '@/testing/render';
import { asPhone } from '@/testing/screen-width';

// Rollouts (issue 16 point 3) on the fake API, which answers /api/rollouts as docs/openapi.json
// describes (every request and answer checked against it). The waves do not move by themselves
// in the fake: a test changes the rollout and sends the service's rollout.updated event, as the
// service does at each change. The journey against the real service is in e2e/journey.mjs.
// The 180 s bounds only limit waiting on a loaded machine.

function stores(n: number, status: Store['status'] = 'draft'): Store[] {
  return Array.from({ length: n }, (_, i) =>
    makeStore({ code: `NYC-00${10 + i}`, name: `Store ${i + 1}`, status }),
  );
}

/** A rollout of `list` with a canary of 1 and waves of 2: [1], [2, 3], [4, ...]. */
function rolloutOf(list: Store[], over: Partial<Rollout> = {}): Rollout {
  const items = list.map((st, i) => makeRolloutItem(st, i === 0 ? 1 : 2 + Math.floor((i - 1) / 2)));
  return makeRollout(items, { canarySize: 1, batchSize: 2, ...over });
}

/** Sets the items' results and recomputes the counts (what the service serves). */
function settle(r: Rollout, results: Partial<Rollout['items'][number]>[]) {
  results.forEach((x, i) => Object.assign(r.items[i]!, x));
  r.counts = rolloutCounts(r.items);
}

function sendUpdate(r: Rollout) {
  const socket = SilentWebSocket.instances.at(-1)!;
  act(() => {
    socket.onopen?.();
    socket.onmessage?.({
      data: JSON.stringify({
        type: 'rollout.updated',
        time: '2026-12-01T10:05:00.000Z',
        data: {
          id: r.id,
          name: r.name,
          action: r.action,
          status: r.status,
          currentWave: r.currentWave,
          waves: r.waves,
          counts: rolloutCounts(r.items),
          actor: 'system',
        },
      }),
    });
  });
}

describe('rollouts list', () => {
  it('lists rollouts with their status, progress, wave and author, and filters by status in the URL', async () => {
    const api = new FakeApi();
    const list = stores(5);
    api.stores = list;
    const running = rolloutOf(list, { name: 'Spring openings', currentWave: 2, waves: 3 });
    settle(running, [{ status: 'succeeded' }, { status: 'failed' }, { status: 'running' }]);
    const done = rolloutOf(list.slice(0, 1), {
      name: 'Pilot',
      status: 'completed',
      action: 'decommission',
      createdBy: 'olga',
      waves: 1,
    });
    settle(done, [{ status: 'succeeded' }]);
    api.rollouts = [running, done];
    const { user, router } = renderApp({ route: '/rollouts', api });

    const table = await screen.findByRole('table', { name: 'Rollouts' }, { timeout: 60_000 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Spring openings',
      'Pilot',
    ]);
    const first = rows[0]!;
    expect(within(first).getByRole('link', { name: 'Spring openings' })).toHaveAttribute(
      'href',
      `/rollouts/${running.id}`,
    );
    expect(within(first).getByText('Running')).toBeInTheDocument();
    expect(within(first).getByText('2 of 3')).toBeInTheDocument();
    expect(
      within(first).getByRole('progressbar', { name: 'Progress of Spring openings' }),
    ).toHaveAttribute(
      'aria-valuetext',
      '2 of 5 finished: 1 succeeded, 1 failed, 1 running, 2 pending',
    );
    expect(within(rows[1]!).getByText('Decommission')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('by olga')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Rollouts' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Completed' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=completed'));
    await waitFor(() => expect(within(table).queryByText('Spring openings')).toBeNull());
    expect(api.requests.some((r) => r.path === '/api/rollouts?status=completed&limit=50')).toBe(
      true,
    );
  }, 180_000);

  it('says so when there is none, and a filter that selects none', async () => {
    const api = new FakeApi();
    const { router } = renderApp({ route: '/rollouts', api });
    expect(await screen.findByText('No rollouts yet', {}, { timeout: 60_000 })).toBeInTheDocument();
    api.stores = stores(1);
    api.rollouts = [rolloutOf(api.stores)];
    await act(() => router.navigate('/rollouts?status=halted'));
    expect(await screen.findByText('No halted rollout')).toBeInTheDocument();
  }, 180_000);

  it('shows cards on a phone', async () => {
    asPhone();
    const api = new FakeApi();
    api.stores = stores(3);
    api.rollouts = [rolloutOf(api.stores, { name: 'Spring openings' })];
    renderApp({ route: '/rollouts', api });
    const cards = await screen.findByRole('list', { name: 'Rollouts' }, { timeout: 60_000 });
    expect(screen.queryByRole('table')).toBeNull();
    const link = within(cards).getByRole('link', { name: 'Spring openings' });
    expect(link).toHaveAttribute('href', `/rollouts/${api.rollouts[0]!.id}`);
    const card = link.closest('li')!;
    expect(within(card).getByText('Provision · wave 1 of 2 (canary)')).toBeInTheDocument();
    expect(
      within(card).getByRole('progressbar', { name: 'Progress of Spring openings' }),
    ).toBeTruthy();
  }, 180_000);

  it('shows a viewer the rollouts, with New rollout disabled and why', async () => {
    const api = new FakeApi();
    api.role = 'viewer';
    api.stores = stores(1);
    api.rollouts = [rolloutOf(api.stores)];
    const { user } = renderApp({ route: '/rollouts', api, session: signedIn('viewer') });
    await screen.findByRole('table', { name: 'Rollouts' }, { timeout: 60_000 });
    const create = screen.getByRole('button', { name: 'New rollout' });
    expect(create).toBeDisabled();
    await user.hover(create.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Needs the operator role or higher.',
    );
  }, 180_000);
});

describe('rollout page', () => {
  it('shows the halted reason, each wave (the canary first) and enables what a halted rollout takes', async () => {
    const api = new FakeApi();
    api.stores = stores(3);
    const r = rolloutOf(api.stores, {
      name: 'Spring openings',
      status: 'halted',
      currentWave: 2,
      haltedReason: '1 of 3 finished stores failed (33%), above the limit of 0%',
    });
    settle(r, [
      { status: 'succeeded', attempts: 1, startedAt: r.createdAt, finishedAt: r.updatedAt },
      {
        status: 'failed',
        attempts: 2,
        error: 'allocate_network: pool 10.0.0.0/16 for guest is full',
        runId: '00000000-0000-4000-8000-0000000000ff',
      },
      { status: 'succeeded', attempts: 1 },
    ]);
    api.rollouts = [r];
    const { user } = renderApp({ route: `/rollouts/${r.id}`, api });

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Spring openings', level: 1 },
        { timeout: 60_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Halted by itself: 1 of 3 finished stores failed (33%), above the limit of 0%.',
    );
    const canary = screen.getByRole('region', { name: 'Canary' });
    expect(within(canary).getByRole('link', { name: 'NYC-0010' })).toHaveAttribute(
      'href',
      `/stores/${api.stores[0]!.id}`,
    );
    const wave2 = screen.getByRole('region', { name: 'Wave 2' });
    expect(within(wave2).getByText('Current wave')).toBeInTheDocument();
    const failed = within(wave2).getByRole('link', { name: 'NYC-0011' }).closest('tr')!;
    expect(failed).toHaveTextContent('allocate_network: pool 10.0.0.0/16 for guest is full');
    expect(within(failed).getByText('Failed')).toBeInTheDocument();
    expect(within(failed).getByRole('cell', { name: '2' })).toBeInTheDocument();

    expect(screen.getByRole('button', { name: 'Pause' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Resume' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Abort' })).toBeEnabled();
    const retry = screen.getByRole('button', { name: 'Retry failed' });
    expect(retry).toBeEnabled();

    await user.click(retry);
    // Running again: Pause is enabled, the halted reason gone, the failed store pending again.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Pause' })).toBeEnabled());
    expect(screen.queryByText(/Halted by itself/)).toBeNull();
    expect(
      within(screen.getByRole('region', { name: 'Wave 2' })).getByText('Pending'),
    ).toBeTruthy();
    expect(
      api.requests.some(
        (x) => x.method === 'POST' && x.path === `/api/rollouts/${r.id}/retry-failed`,
      ),
    ).toBe(true);
  }, 180_000);

  it('aborts after a confirmation; an aborted rollout takes no command', async () => {
    const api = new FakeApi();
    api.stores = stores(3);
    // As the service has it: wave 2, waiting to start, is the current wave.
    const r = rolloutOf(api.stores, { status: 'paused', pauseAfterCanary: true, currentWave: 2 });
    settle(r, [{ status: 'succeeded' }]);
    api.rollouts = [r];
    const { user } = renderApp({ route: `/rollouts/${r.id}`, api });
    expect(
      await screen.findByText(
        'The canary is done: the next wave starts when someone resumes the rollout.',
        {},
        { timeout: 60_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Pause' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Abort' }));
    const confirm = await screen.findByRole('dialog', { name: /Abort the rollout/ });
    expect(confirm).toHaveTextContent('The 2 stores not started yet are cancelled');
    expect(api.requests.some((x) => x.path.endsWith('/abort'))).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Abort rollout' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(screen.getByText('Aborted')).toBeInTheDocument());
    for (const name of ['Pause', 'Resume', 'Retry failed', 'Abort']) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
    expect(screen.getByRole('region', { name: 'Wave 2' })).toHaveTextContent('2 cancelled');
  }, 180_000);

  it("shows the service's refusal when the rollout moved on meanwhile", async () => {
    const api = new FakeApi();
    api.stores = stores(2);
    const r = rolloutOf(api.stores);
    api.rollouts = [r];
    // Halted by itself between this page's load and the click: the service answers 409.
    api.overrides.set(`POST /api/rollouts/${r.id}/pause`, () =>
      problem(409, 'Conflict', { detail: 'the rollout is halted, not running' }),
    );
    const { user } = renderApp({ route: `/rollouts/${r.id}`, api });
    await user.click(await screen.findByRole('button', { name: 'Pause' }, { timeout: 60_000 }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Conflict: the rollout is halted, not running',
    );
  }, 180_000);

  it('follows the rollout live: the canary finishes, then the next wave is due', async () => {
    const api = new FakeApi();
    api.stores = stores(3);
    const r = rolloutOf(api.stores, { name: 'Spring openings' });
    settle(r, [{ status: 'running', attempts: 1 }]);
    api.rollouts = [r];
    renderApp({ route: `/rollouts/${r.id}`, api });
    const canary = await screen.findByRole('region', { name: 'Canary' }, { timeout: 60_000 });
    expect(within(canary).getByText('Running')).toBeInTheDocument();

    // The service: the canary's store succeeded; wave 2 starts in 5 minutes.
    settle(r, [{ status: 'succeeded', finishedAt: '2026-12-01T10:04:00.000Z' }]);
    r.currentWave = 2;
    r.nextWaveAt = new Date(Date.now() + 5 * 60_000).toISOString().replace(/\d{3}Z$/, '000Z');
    sendUpdate(r);
    expect(await within(canary).findByText('Succeeded')).toBeInTheDocument();
    expect(
      await screen.findByText(/^Next wave \(2 of 2\) at .*, in 5 minutes\.$/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Progress of Spring openings' }),
    ).toHaveAttribute('aria-valuenow', '1');
  }, 180_000);

  it('shows a viewer the rollout with every command disabled and why', async () => {
    const api = new FakeApi();
    api.role = 'viewer';
    api.stores = stores(2);
    const r = rolloutOf(api.stores);
    api.rollouts = [r];
    renderApp({ route: `/rollouts/${r.id}`, api, session: signedIn('viewer') });
    await screen.findByRole('region', { name: 'Canary' }, { timeout: 60_000 });
    for (const name of ['Pause', 'Resume', 'Retry failed', 'Abort']) {
      const b = screen.getByRole('button', { name });
      expect(b).toBeDisabled();
      expect(b.parentElement).toHaveAttribute('title', 'Needs the operator role or higher.');
    }
    expect(api.requests.every((x) => x.method === 'GET')).toBe(true);
  }, 180_000);

  it('says when the rollout does not exist', async () => {
    renderApp({ route: '/rollouts/00000000-0000-4000-8000-00000000dead', api: new FakeApi() });
    expect(
      await screen.findByText('Rollout not found', {}, { timeout: 60_000 }),
    ).toBeInTheDocument();
  }, 180_000);
});

describe('new rollout', () => {
  it('counts the stores a filter selects now, puts the 422 on the fields, then opens the rollout', async () => {
    const api = new FakeApi();
    api.stores = [
      ...stores(3),
      ...stores(2, 'active').map((st, i) => ({ ...st, code: `LON-00${i}1` })),
    ];
    let refused = false;
    api.overrides.set('POST /api/rollouts', () => {
      api.overrides.delete('POST /api/rollouts');
      refused = true;
      return problem(422, 'Validation failed', {
        errors: [
          { field: 'name', message: 'is taken by a running rollout' },
          { field: 'filter.region', message: 'no such region' },
        ],
      });
    });
    const { user, router } = renderApp({ route: '/rollouts', api });
    await user.click(
      await screen.findByRole('button', { name: 'New rollout' }, { timeout: 60_000 }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New rollout' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Spring openings');
    await user.click(within(dialog).getByRole('combobox', { name: 'Which stores' }));
    await user.click(await screen.findByRole('option', { name: 'Stores matching filters' }));
    expect(await within(dialog).findByText(/^5 stores match now/)).toBeInTheDocument();
    // The waves as they will run: the four after the canary fit in one batch of 10.
    expect(
      within(dialog).getByText('2 waves: a canary of 1, then one wave of 4.'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('combobox', { name: 'Store status' }));
    await user.click(await screen.findByRole('option', { name: 'Draft' }));
    expect(await within(dialog).findByText(/^3 stores match now/)).toBeInTheDocument();
    expect(
      within(dialog).getByText('2 waves: a canary of 1, then one wave of 2.'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));

    await waitFor(() => expect(refused).toBe(true));
    expect(await within(dialog).findByText('is taken by a running rollout')).toBeInTheDocument();
    expect(within(dialog).getByText('no such region')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));
    await waitFor(() => expect(api.rollouts).toHaveLength(1));
    const r = api.rollouts[0]!;
    await waitFor(() => expect(router.state.location.pathname).toBe(`/rollouts/${r.id}`));
    const sent = api.requests.filter((x) => x.method === 'POST' && x.path === '/api/rollouts');
    expect(sent.at(-1)?.body).toEqual({
      name: 'Spring openings',
      action: 'provision',
      filter: { status: 'draft' },
      canarySize: 1,
      batchSize: 10,
      waitSeconds: 0,
      pauseAfterCanary: false,
      maxFailurePercent: 0,
    });
    expect(
      await screen.findByRole('heading', { name: 'Spring openings', level: 1 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Canary' })).toHaveTextContent('NYC-0010');
  }, 180_000);

  it('picks stores by code, in order, and checks the numbers before sending', async () => {
    const api = new FakeApi();
    api.stores = stores(3);
    const { user } = renderApp({ route: '/rollouts', api, session: signedIn('operator') });
    api.role = 'operator';
    await user.click(
      await screen.findByRole('button', { name: 'New rollout' }, { timeout: 60_000 }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New rollout' });
    // Decommissioning needs the admin role (permissions.decommission, the fake's default).
    await user.click(within(dialog).getByRole('combobox', { name: 'Action' }));
    expect(
      await screen.findByRole('option', {
        name: 'Decommission (Decommissioning needs the admin role.)',
      }),
    ).toHaveAttribute('aria-disabled', 'true');
    await user.keyboard('{Escape}');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Two stores');
    const canary = within(dialog).getByRole('textbox', { name: 'Canary size' });
    await user.clear(canary);
    await user.type(canary, '101');
    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));
    expect(await within(dialog).findByText('Pick at least one store')).toBeInTheDocument();
    expect(within(dialog).getByText('Canary size: from 0 to 100')).toBeInTheDocument();

    const picker = within(dialog).getByRole('combobox', { name: 'Stores' });
    await user.type(picker, '0012');
    await user.click(await screen.findByRole('option', { name: 'NYC-0012 — Store 3' }));
    await user.type(picker, '0010');
    await user.click(await screen.findByRole('option', { name: 'NYC-0010 — Store 1' }));
    await user.clear(canary);
    await user.type(canary, '1');
    await user.click(
      within(dialog).getByRole('switch', { name: 'Wait for a resume after the canary' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));
    await waitFor(() => expect(api.rollouts).toHaveLength(1));
    const sent = api.requests.find((x) => x.method === 'POST' && x.path === '/api/rollouts');
    expect(sent?.body).toMatchObject({
      name: 'Two stores',
      storeIds: [api.stores[2]!.id, api.stores[0]!.id],
      canarySize: 1,
      pauseAfterCanary: true,
    });
  }, 180_000);
});
