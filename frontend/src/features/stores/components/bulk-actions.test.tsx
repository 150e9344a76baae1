import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { BulkActions, MAX_EXPORT_IDS } from '@/features/stores/components/bulk-actions';
import { FakeApi } from '@/testing/fake-api';
import { renderWithProviders } from '@/testing/render';

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

async function renderBar(selection: string[]) {
  const api = new FakeApi();
  const view = renderWithProviders(
    <BulkActions selection={selection} codeOf={(id) => id} onDone={() => undefined} />,
    { api },
  );
  return { ...view, api, bar: await screen.findByRole('region', { name: 'Bulk actions' }) };
}

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
