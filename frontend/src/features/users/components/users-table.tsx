import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import KeyRounded from '@mui/icons-material/KeyRounded';
import {
  Card,
  IconButton,
  MenuItem,
  Switch,
  TableCell,
  TableRow,
  TextField,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';

import { roleValues, type Role, type User } from '@/api/generated/openapi';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { QueryTable } from '@/components/ui/table-panel';
import {
  useDeleteUserMutation,
  useListUsersQuery,
  useUpdateUserMutation,
} from '@/features/users/api/users-api';
import { ResetPasswordDialog } from '@/features/users/components/reset-password-dialog';
import { formatDateTime, humanize } from '@/utils/format';

export function UsersTable({ currentUserId }: { currentUserId: string | null }) {
  const query = useListUsersQuery();
  const [updateUser] = useUpdateUserMutation();
  const [deleteUser, { isLoading: deleting }] = useDeleteUserMutation();
  const [toDelete, setToDelete] = useState<User | null>(null);
  const [toReset, setToReset] = useState<User | null>(null);

  return (
    <Card sx={{ p: 0 }}>
      <QueryTable
        query={query}
        label="Users"
        headers={['Username', 'Role', 'Enabled', 'Created', { label: 'Actions', align: 'right' }]}
        loadingLabel="Loading users"
        loadingRows={4}
        errorTitle="Could not load users"
        empty={{ title: 'No users' }}
      >
        {(users) =>
          users.map((u) => {
            const self = u.id === currentUserId;
            return (
              <TableRow key={u.id} hover>
                <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                  {u.username}
                  {self ? ' (you)' : ''}
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    value={u.role}
                    disabled={self}
                    onChange={(e) => void updateUser({ id: u.id, role: e.target.value as Role })}
                    slotProps={{ htmlInput: { 'aria-label': `Role of ${u.username}` } }}
                    sx={{ minWidth: 130 }}
                  >
                    {roleValues.map((r) => (
                      <MenuItem key={r} value={r}>
                        {humanize(r)}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell>
                  <Switch
                    checked={!u.disabled}
                    disabled={self}
                    onChange={(e) => void updateUser({ id: u.id, disabled: !e.target.checked })}
                    slotProps={{ input: { 'aria-label': `${u.username} enabled` } }}
                  />
                </TableCell>
                <TableCell>{formatDateTime(u.createdAt)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title="Reset password">
                    <IconButton
                      aria-label={`Reset password of ${u.username}`}
                      onClick={() => setToReset(u)}
                    >
                      <KeyRounded />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title={self ? 'You cannot delete yourself' : 'Delete user'}>
                    <span>
                      <IconButton
                        aria-label={`Delete ${u.username}`}
                        disabled={self}
                        onClick={() => setToDelete(u)}
                      >
                        <DeleteOutlineRounded />
                      </IconButton>
                    </span>
                  </Tooltip>
                </TableCell>
              </TableRow>
            );
          })
        }
      </QueryTable>
      <ResetPasswordDialog user={toReset} onClose={() => setToReset(null)} />
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete ${toDelete?.username ?? ''}?`}
        confirmLabel="Delete"
        destructive
        busy={deleting}
        onCancel={() => setToDelete(null)}
        onConfirm={async () => {
          if (toDelete) {
            try {
              await deleteUser(toDelete.id).unwrap();
            } catch {
              // toast from the middleware
            }
          }
          setToDelete(null);
        }}
      >
        The user can no longer sign in. Their audit entries are kept.
      </ConfirmDialog>
    </Card>
  );
}
