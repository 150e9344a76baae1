import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FakeApi } from '@/testing/fake-api';
import { renderApp } from '@/testing/render';

describe('creation wizard', () => {
  it('walks basic info → hardware → network → review and creates the store', async () => {
    const api = new FakeApi();
    const { user, router } = renderApp({ route: '/stores/new', api });
    const fill = async (el: HTMLElement, text: string) => {
      await user.click(el);
      await user.paste(text);
    };
    await screen.findByRole('heading', { name: 'New store', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getAllByText('Required').length).toBeGreaterThan(0);

    await fill(screen.getByRole('textbox', { name: 'Code' }), 'ber-0001');
    expect(screen.getByRole('textbox', { name: 'Code' })).toHaveValue('BER-0001');
    await fill(screen.getByRole('textbox', { name: 'Name' }), 'Berlin Mitte');
    await fill(screen.getByRole('textbox', { name: 'Address' }), 'Unter den Linden 1');
    await fill(screen.getByRole('textbox', { name: 'City' }), 'Berlin');
    await fill(screen.getByRole('textbox', { name: 'Region' }), 'BE');
    await fill(screen.getByRole('textbox', { name: 'Country' }), 'de');
    await fill(screen.getByRole('textbox', { name: 'Postal code' }), '10117');
    await fill(screen.getByRole('combobox', { name: 'Time zone' }), 'Europe/Berlin');
    await fill(screen.getByRole('textbox', { name: 'Latitude' }), '52.5');
    await fill(screen.getByRole('textbox', { name: 'Longitude' }), '13.4');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByRole('heading', { name: 'Hardware' });
    await user.click(screen.getByRole('checkbox', { name: 'Router' }));
    expect(screen.getByRole('spinbutton', { name: 'Router quantity' })).toHaveValue(1);
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByRole('heading', { name: 'Network' });
    const cidr = screen.getAllByRole('textbox', { name: 'Subnet (CIDR)' })[0];
    await fill(cidr, '10.20.0.1/24');
    expect(
      await screen.findByText('Host bits are set: this is not a network address'),
    ).toBeInTheDocument();
    await user.clear(cidr);
    await fill(cidr, '10.20.0.0/24');
    await user.click(screen.getByRole('button', { name: 'Remove Guest segment' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByRole('heading', { name: 'Review' });
    expect(screen.getByText('1 × Router')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Provision now/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create store' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/stores\/0000/));
    const created = api.stores[0];
    expect(created.code).toBe('BER-0001');
    expect(created.hardwarePlan).toEqual({ router: 1 });
    expect(created.networkPlan).toEqual([
      { purpose: 'pos', vlanId: null, cidr: '10.20.0.0/24' },
      { purpose: 'corporate', vlanId: null, cidr: null },
    ]);
  }, 60000);

  it('checks the code against the pattern the service serves, with its hint', async () => {
    const api = new FakeApi();
    api.storeCode = { pattern: '[0-9]{4}', hint: 'four digits, e.g. 1234' };
    const { user } = renderApp({ route: '/stores/new', api });
    const code = await screen.findByRole('textbox', { name: 'Code' });
    expect(await screen.findByText('four digits, e.g. 1234')).toBeInTheDocument();
    await user.click(code);
    await user.paste('NYC-0042');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Must be four digits, e.g. 1234')).toBeInTheDocument();
    await user.clear(code);
    await user.paste('12345');
    expect(await screen.findByText('Must be four digits, e.g. 1234')).toBeInTheDocument();
    await user.clear(code);
    await user.paste('1234');
    await waitFor(() =>
      expect(screen.queryByText('Must be four digits, e.g. 1234')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('four digits, e.g. 1234')).toBeInTheDocument();
  });

  it('asks before leaving with unsaved input', async () => {
    const { user, router } = renderApp({ route: '/stores/new' });
    const fill = async (el: HTMLElement, text: string) => {
      await user.click(el);
      await user.paste(text);
    };
    await fill(await screen.findByRole('textbox', { name: 'Name' }), 'Half done');
    const nav = screen.getAllByRole('navigation', { name: 'Main' })[0];
    await user.click(within(nav).getByRole('link', { name: 'Dashboard' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(router.state.location.pathname).toBe('/stores/new');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(within(nav).getByRole('link', { name: 'Dashboard' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave' }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
