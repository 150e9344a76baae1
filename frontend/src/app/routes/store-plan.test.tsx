import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { baseApi } from '@/api/base-api';
import type { Store } from '@/api/generated/openapi';
import { FakeApi, makeStore } from '@/testing/fake-api';
import { renderApp, signedIn } from '@/testing/render';

// Plan before apply (issue 16, point 2): provisioning shows the service's plan first and
// applies exactly that plan (its planId), or says what changed since.

function setup(status: Store['status'] = 'draft', prepare: (api: FakeApi) => void = () => {}) {
  const api = new FakeApi();
  const store = makeStore({
    code: 'NYC-0042',
    name: 'Manhattan',
    status,
    hardwarePlan: { router: 1, pos_terminal: 2 },
    networkPlan: [
      { purpose: 'pos', vlanId: 10, cidr: null },
      { purpose: 'guest', vlanId: null, cidr: '192.168.50.0/24' },
    ],
  });
  api.stores = [store];
  prepare(api);
  return renderApp({ route: `/stores/${store.id}`, api, session: signedIn('operator') });
}

const plans = (api: FakeApi) =>
  api.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/plan'));
const provisions = (api: FakeApi) =>
  api.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/provision'));

async function openPlan(user: ReturnType<typeof setup>['user'], button = 'Provision') {
  await user.click(await screen.findByRole('button', { name: button }));
  const dialog = await screen.findByRole('dialog', { name: /^Plan to / });
  await within(dialog).findByRole('table', { name: 'Planned network segments' });
  return dialog;
}

describe('plan before apply on the store page', () => {
  it('shows the plan: segments, devices, credentials, the bundle with its diffs, the expiry', async () => {
    const { user, api } = setup();
    const dialog = await openPlan(user);
    expect(dialog).toHaveAccessibleName('Plan to provision NYC-0042');
    const segments = within(dialog).getByRole('table', { name: 'Planned network segments' });
    const pos = within(segments).getByRole('row', { name: /POS/ });
    expect(pos).toHaveTextContent('10.20.0.0/24');
    expect(pos).toHaveTextContent('10.20.0.1');
    expect(pos).toHaveTextContent('10.20.0.100 – 10.20.0.250');
    expect(pos).toHaveTextContent('From a pool');
    const guest = within(segments).getByRole('row', { name: /Guest/ });
    expect(guest).toHaveTextContent('192.168.50.0/24');
    expect(guest).toHaveTextContent('Own range');
    const devices = within(dialog).getByRole('table', { name: 'Planned devices' });
    for (const serial of ['ROU-0001', 'POS-0001', 'POS-0002'])
      expect(within(devices).getByRole('row', { name: new RegExp(serial) })).toHaveTextContent(
        'To reserve',
      );
    expect(within(dialog).getByText(/secret\/data\/stores\/.+\/credentials/)).toBeInTheDocument();
    expect(within(dialog).getByText(/valid until/)).toBeInTheDocument();
    expect(
      within(dialog).getByText(/No bundle yet: every file is new · 4 added/),
    ).toBeInTheDocument();
    const files = within(dialog).getByRole('list', { name: 'Config bundle files' });
    expect(within(files).getAllByRole('listitem')).toHaveLength(4);
    const show = within(files).getByRole('button', { name: 'Show diff of README.txt' });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    await user.click(show);
    expect(within(files).getByText('+Store NYC-0042 - Manhattan')).toBeInTheDocument();
    expect(within(files).getByRole('button', { name: 'Hide diff of README.txt' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    // One plan per opening; nothing provisioned yet.
    expect(plans(api)).toHaveLength(1);
    expect(provisions(api)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.stores[0].status).toBe('draft');
  });

  it('marks what a failed store already holds, and words a retry as one', async () => {
    const { user, api } = setup('failed');
    api.makePlan = ((make) => (s: Store) => {
      const plan = make(s);
      plan.segments[0].held = true;
      plan.devices[0].held = true;
      return plan;
    })(api.makePlan.bind(api));
    const dialog = await openPlan(user, 'Retry');
    expect(dialog).toHaveAccessibleName('Plan to retry NYC-0042');
    const segments = within(dialog).getByRole('table', { name: 'Planned network segments' });
    expect(within(segments).getByRole('row', { name: /POS/ })).toHaveTextContent(
      'Already allocated',
    );
    expect(within(segments).getByRole('row', { name: /Guest/ })).not.toHaveTextContent(
      'Already allocated',
    );
    const devices = within(dialog).getByRole('table', { name: 'Planned devices' });
    expect(within(devices).getByRole('row', { name: /ROU-0001/ })).toHaveTextContent(
      'Already allocated',
    );
    expect(within(devices).getByRole('row', { name: /POS-0001/ })).toHaveTextContent('To reserve');
    expect(within(dialog).getByRole('button', { name: 'Retry as planned' })).toBeEnabled();
  });

  it('shows the problems and offers no provisioning when the plan cannot be applied', async () => {
    const { user, api } = setup('draft', (a) => {
      a.planOverride = {
        canApply: false,
        problems: ['no free subnet of purpose guest: the pools are used up'],
      };
    });
    const dialog = await openPlan(user);
    const problems = within(dialog).getByRole('list', { name: 'Problems' });
    expect(problems).toHaveTextContent('no free subnet of purpose guest: the pools are used up');
    expect(within(dialog).getByText('Provisioning would fail now')).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('button', { name: 'Provision as planned' }),
    ).not.toBeInTheDocument();
    // Planning again once the pools are fixed.
    api.planOverride = {};
    await user.click(within(dialog).getByRole('button', { name: 'Make a new plan' }));
    expect(
      await within(dialog).findByRole('button', { name: 'Provision as planned' }),
    ).toBeEnabled();
    expect(plans(api)).toHaveLength(2);
    expect(provisions(api)).toHaveLength(0);
  });

  it('provisions as planned: the planId with the store\u2019s If-Match', async () => {
    const { user, api, store } = setup();
    const dialog = await openPlan(user);
    const planId = Object.keys(api.plans)[0];
    await user.click(within(dialog).getByRole('button', { name: 'Provision as planned' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Provisioning NYC-0042 as planned.')).toBeInTheDocument();
    const [req] = provisions(api);
    expect(req.body).toEqual({ planId });
    expect(req.headers.get('if-match')).toBe('"1"');
    expect(api.stores[0].status).toBe('provisioning');
    // The run ends: the store's buttons come back (Decommission), and no plan is made for it
    // (the closed dialog mounted again once asked for an active store's plan: a 409).
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Provision' })).not.toBeInTheDocument(),
    );
    api.stores[0].status = 'active';
    store.dispatch(baseApi.util.invalidateTags([{ type: 'Store', id: api.stores[0].id }]));
    expect(await screen.findByRole('button', { name: 'Decommission' })).toBeInTheDocument();
    // A request the remounted dialog would send goes out a few ticks after it mounts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(plans(api)).toHaveLength(1);
  });

  it('lists what changed since the plan on a 409, and provisions a new plan', async () => {
    const { user, api } = setup();
    const dialog = await openPlan(user);
    const first = Object.keys(api.plans)[0];
    api.invalidatePlans([
      'subnet 10.20.0.0/24 (pos) was taken by LON-0101',
      'serial POS-0002 is no longer in stock',
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Provision as planned' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The plan no longer holds');
    const changes = within(alert).getByRole('list', { name: 'What changed' });
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'subnet 10.20.0.0/24 (pos) was taken by LON-0101',
      'serial POS-0002 is no longer in stock',
    ]);
    expect(
      within(dialog).queryByRole('button', { name: 'Provision as planned' }),
    ).not.toBeInTheDocument();
    expect(api.stores[0].status).toBe('draft');
    await user.click(within(dialog).getByRole('button', { name: 'Make a new plan' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Provision as planned' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const second = Object.keys(api.plans)[1];
    expect(second).not.toBe(first);
    expect(provisions(api).map((r) => r.body)).toEqual([{ planId: first }, { planId: second }]);
    expect(api.stores[0].status).toBe('provisioning');
  });

  it('keeps the role check: a role below permissions.provision sees Provision disabled, with why', async () => {
    setup('draft', (a) => {
      a.transitions = { ...a.transitions, provision: 'admin' };
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Provision' })).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Provision' }).parentElement).toHaveAttribute(
      'title',
      'Provisioning needs the admin role.',
    );
  });
});

describe('plan before apply in the wizard', () => {
  it('shows the new draft\u2019s plan when "Provision now" is ticked, and provisions it as planned', async () => {
    const api = new FakeApi();
    const { user, router } = renderApp({
      route: '/stores/new',
      api,
      session: signedIn('operator'),
    });
    const fill = async (name: string, text: string, role: 'textbox' | 'combobox' = 'textbox') => {
      await user.click(screen.getByRole(role, { name }));
      await user.paste(text);
    };
    await screen.findByRole('heading', { name: 'New store', level: 1 });
    await fill('Code', 'BER-0001');
    await fill('Name', 'Berlin Mitte');
    await fill('Address', 'Unter den Linden 1');
    await fill('City', 'Berlin');
    await fill('Region', 'BE');
    await fill('Country', 'DE');
    await fill('Postal code', '10117');
    await fill('Time zone', 'Europe/Berlin', 'combobox');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { name: 'Hardware' });
    await user.click(screen.getByRole('checkbox', { name: 'Router' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { name: 'Network' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { name: 'Review' });
    await user.click(screen.getByRole('checkbox', { name: /Provision now/ }));
    await user.click(screen.getByRole('button', { name: 'Create and plan' }));

    const dialog = await screen.findByRole('dialog', { name: 'Plan to provision BER-0001' });
    const devices = await within(dialog).findByRole('table', { name: 'Planned devices' });
    expect(within(devices).getByRole('row', { name: /ROU-0001/ })).toBeInTheDocument();
    const created = api.stores[0];
    expect(created.status).toBe('draft');
    await user.click(within(dialog).getByRole('button', { name: 'Provision as planned' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/stores/${created.id}`));
    expect(provisions(api).map((r) => r.body)).toEqual([{ planId: Object.keys(api.plans)[0] }]);
    expect(api.stores[0].status).toBe('provisioning');
  }, 60000);

  it('leaves the draft as it is when the plan is closed', async () => {
    const api = new FakeApi();
    const { user, router } = renderApp({
      route: '/stores/new',
      api,
      session: signedIn('operator'),
    });
    const fill = async (name: string, text: string, role: 'textbox' | 'combobox' = 'textbox') => {
      await user.click(screen.getByRole(role, { name }));
      await user.paste(text);
    };
    await screen.findByRole('heading', { name: 'New store', level: 1 });
    await fill('Code', 'BER-0002');
    await fill('Name', 'Berlin Ost');
    await fill('Address', 'Alexanderplatz 1');
    await fill('City', 'Berlin');
    await fill('Region', 'BE');
    await fill('Country', 'DE');
    await fill('Postal code', '10178');
    await fill('Time zone', 'Europe/Berlin', 'combobox');
    for (const step of ['Hardware', 'Network', 'Review']) {
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await screen.findByRole('heading', { name: step });
    }
    await user.click(screen.getByRole('checkbox', { name: /Provision now/ }));
    await user.click(screen.getByRole('button', { name: 'Create and plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Plan to provision BER-0002' });
    await user.click(await within(dialog).findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/stores/${api.stores[0].id}`));
    expect(provisions(api)).toHaveLength(0);
    expect(api.stores[0].status).toBe('draft');
  }, 60000);
});
