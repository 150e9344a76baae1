import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { UsersTable } from '@/features/users/components/users-table';
import { ADMIN_ID, FakeApi, OPERATOR_ID, problem } from '@/testing/fake-api';
import { renderWithProviders } from '@/testing/render';

const NEW_PASSWORD = 'correct horse battery';

function patches(api: FakeApi) {
  return api.requests
    .filter((r) => r.method === 'PATCH' && r.path.startsWith('/api/users/'))
    .map((r) => ({ path: r.path, body: r.body }));
}

async function openDialog(api = new FakeApi()) {
  const view = renderWithProviders(<UsersTable currentUserId={ADMIN_ID} />, { api });
  await view.user.click(await screen.findByRole('button', { name: 'Reset password of olga' }));
  const dialog = await screen.findByRole('dialog', { name: 'Reset password of olga' });
  return { ...view, api, dialog };
}

describe('ResetPasswordDialog', () => {
  it('sets the new password with a PATCH of the password only, says so and closes', async () => {
    const { user, api, dialog } = await openDialog();
    const field = within(dialog).getByLabelText(/New password/);
    expect(field).toHaveAttribute('type', 'password');
    expect(field).toHaveAttribute('autocomplete', 'new-password');
    await user.type(field, NEW_PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));

    expect(await screen.findByText('New password set for olga')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patches(api)).toEqual([
      { path: `/api/users/${OPERATOR_ID}`, body: { password: NEW_PASSWORD } },
    ]);
  });

  it('refuses a short password before sending anything', async () => {
    const { user, api, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText(/New password/), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(await within(dialog).findByText('At least 12 characters')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/New password/)).toHaveAttribute('aria-invalid', 'true');
    expect(patches(api)).toEqual([]);
  });

  it("shows the service's field error on the field and keeps the dialog open", async () => {
    const api = new FakeApi();
    api.overrides.set(`PATCH /api/users/${OPERATOR_ID}`, () =>
      problem(422, 'Validation failed', {
        errors: [{ field: 'password', message: 'must be at most 1024 characters' }],
      }),
    );
    const { user, dialog } = await openDialog(api);
    await user.type(within(dialog).getByLabelText(/New password/), NEW_PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(await within(dialog).findByText('must be at most 1024 characters')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Reset password of olga' })).toBeInTheDocument();
    expect(screen.queryByText('New password set for olga')).not.toBeInTheDocument();
  });

  it('shows a field error naming no field of the form above the form', async () => {
    // Before formProblem, such an error was put on a field the form does not have: unseen.
    const api = new FakeApi();
    api.overrides.set(`PATCH /api/users/${OPERATOR_ID}`, () =>
      problem(422, 'Validation failed', {
        errors: [{ field: 'disabled', message: 'must be a boolean' }],
      }),
    );
    const { user, dialog } = await openDialog(api);
    await user.type(within(dialog).getByLabelText(/New password/), NEW_PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'disabled: must be a boolean',
    );
  });

  it('shows a refusal without a field above the form', async () => {
    const api = new FakeApi();
    api.overrides.set(`PATCH /api/users/${OPERATOR_ID}`, () => problem(404, 'Not found'));
    const { user, dialog } = await openDialog(api);
    await user.type(within(dialog).getByLabelText(/New password/), NEW_PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Not found/);
  });

  it('starts empty again after Cancel', async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText(/New password/), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    await within(dialog).findByText('At least 12 characters');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Reset password of olga' }));
    const again = await screen.findByRole('dialog', { name: 'Reset password of olga' });
    const field = within(again).getByLabelText(/New password/);
    expect(field).toHaveValue('');
    expect(field).toHaveAttribute('aria-invalid', 'false');
  });
});
