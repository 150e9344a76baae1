import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import {
  BulkActions,
  MAX_EXPORT_IDS,
  type BulkRollout,
} from '@/features/stores/components/bulk-actions';
import { FakeApi } from '@/testing/fake-api';
import { renderWithProviders, signedIn } from '@/testing/render';

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

async function renderBar(
  selection: string[],
  { onRollout = () => undefined, api = new FakeApi(), codeOf = (id: string) => id } = {},
) {
  const view = renderWithProviders(
    <BulkActions
      selection={selection}
      codeOf={codeOf}
      onDone={() => undefined}
      onRollout={onRollout as (r: BulkRollout) => void}
    />,
    { api, session: signedIn(api.role) },
  );
  return { ...view, api, bar: await screen.findByRole('region', { name: 'Bulk actions' }) };
}

describe('BulkActions rollouts', () => {
  it('hands the selection with its codes to the new-rollout dialog, and calls no API', async () => {
    const onRollout = vi.fn();
    const selection = ids(2);
    const { user, api, bar } = await renderBar(selection, {
      onRollout,
      codeOf: (id) => (id === selection[0] ? 'NYC-0001' : 'NYC-0002'),
    });
    await user.click(within(bar).getByRole('button', { name: 'Provision' }));
    expect(onRollout).toHaveBeenCalledWith({
      action: 'provision',
      stores: [
        { id: selection[0], label: 'NYC-0001' },
        { id: selection[1], label: 'NYC-0002' },
      ],
    });
    await user.click(within(bar).getByRole('button', { name: 'Decommission' }));
    expect(onRollout).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'decommission' }));
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('disables Decommission, with the role it needs, for an operator (permissions.decommission)', async () => {
    const api = new FakeApi();
    api.role = 'operator';
    const { bar } = await renderBar(ids(1), { api });
    await waitFor(() =>
      expect(within(bar).getByRole('button', { name: 'Decommission' })).toBeDisabled(),
    );
    expect(within(bar).getByRole('button', { name: 'Provision' })).toBeEnabled();
  });
});

describe('BulkActions selection export', () => {
  it('sends the whole selection, up to the service limit, as one ids filter', async () => {
    const selection = ids(MAX_EXPORT_IDS);
    const { user, api, bar } = await renderBar(selection);
    const button = within(bar).getByRole('button', { name: 'Export selection' });
    expect(button).toBeEnabled();
    await user.click(button);
    const exports = () => api.requests.filter((r) => r.path.startsWith('/api/stores/export.csv'));
    await waitFor(() => expect(exports()).toHaveLength(1));
    const sent = exports();
    const params = new URL(sent[0]!.path, 'http://x').searchParams;
    expect(params.get('ids')?.split(',')).toEqual(selection);
  });

  it('refuses a selection larger than the service takes, and says why', async () => {
    const { api, bar } = await renderBar(ids(MAX_EXPORT_IDS + 1));
    expect(within(bar).getByRole('button', { name: 'Export selection' })).toBeDisabled();
    expect(within(bar).getByText(/Export takes at most 100 stores/)).toBeInTheDocument();
    expect(api.requests.some((r) => r.path.startsWith('/api/stores/export.csv'))).toBe(false);
  });
});
