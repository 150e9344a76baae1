import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { StoreEditForm } from '@/features/stores/components/store-edit-form';
import { FakeApi, makeStore } from '@/testing/fake-api';
import { renderWithProviders, signedIn } from '@/testing/render';

describe('store edit form', () => {
  // The page's copy of the store (the query cache) catches up with a save a moment after the
  // save answers; the form must not fall back to that older copy meanwhile (CI saw the city of
  // a just-merged version flip back to the one before).
  it('keeps showing the saved version while the page still holds an older one', async () => {
    const api = new FakeApi();
    const store = makeStore({ code: 'NYC-0042', name: 'Manhattan' });
    // The fake server saves into its own copy; the prop stays at version 1.
    api.stores = [structuredClone(store)];
    const { user } = renderWithProviders(<StoreEditForm store={store} />, {
      api,
      session: signedIn('admin'),
    });
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Manhattan Fifth');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved NYC-0042 (version 2).')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Manhattan Fifth');
    expect(screen.getByText('Version 2')).toBeInTheDocument();
  });
});
