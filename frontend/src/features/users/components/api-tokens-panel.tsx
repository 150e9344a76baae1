import AddRounded from '@mui/icons-material/AddRounded';
import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import { Button, Card, IconButton, TableCell, TableRow, Tooltip } from '@mui/material';
import { useState } from 'react';

import type { ApiToken } from '@/api/generated/openapi';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PanelHeader, QueryTable } from '@/components/ui/table-panel';
import { useListTokensQuery, useRevokeTokenMutation } from '@/features/users/api/tokens-api';
import { CreateTokenDialog } from '@/features/users/components/create-token-dialog';
import { formatDateTime, humanize } from '@/utils/format';

/** Automation tokens on the Users page: list, create (secret shown once), revoke. */
export function ApiTokensPanel() {
  const query = useListTokensQuery();
  const [revokeToken, { isLoading: revoking }] = useRevokeTokenMutation();
  const [creating, setCreating] = useState(false);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);

  return (
    <Card sx={{ mt: 3 }} component="section" aria-labelledby="api-tokens-title">
      <PanelHeader
        title="Automation tokens"
        titleId="api-tokens-title"
        actions={
          <Button variant="outlined" startIcon={<AddRounded />} onClick={() => setCreating(true)}>
            New token
          </Button>
        }
      />
      <QueryTable
        query={query}
        label="Automation tokens"
        headers={[
          'Name',
          'Role',
          'Created',
          'Expires',
          'Last used',
          { label: 'Actions', align: 'right' },
        ]}
        loadingLabel="Loading tokens"
        loadingRows={2}
        errorTitle="Could not load tokens"
        empty={{
          title: 'No automation tokens',
          description: "Scripts and CI use a token instead of a person's password.",
        }}
      >
        {(tokens) =>
          tokens.map((t) => (
            <TableRow key={t.id} hover>
              <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                {t.name}
              </TableCell>
              <TableCell>{humanize(t.role)}</TableCell>
              <TableCell>
                {formatDateTime(t.createdAt)} by {t.createdBy}
              </TableCell>
              <TableCell>{t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'}</TableCell>
              <TableCell>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</TableCell>
              <TableCell align="right">
                <Tooltip title="Revoke token">
                  <IconButton aria-label={`Revoke ${t.name}`} onClick={() => setToRevoke(t)}>
                    <DeleteOutlineRounded />
                  </IconButton>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))
        }
      </QueryTable>
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={toRevoke !== null}
        title={`Revoke ${toRevoke?.name ?? ''}?`}
        confirmLabel="Revoke"
        destructive
        busy={revoking}
        onCancel={() => setToRevoke(null)}
        onConfirm={async () => {
          if (toRevoke) {
            try {
              await revokeToken(toRevoke.id).unwrap();
            } catch {
              // toast from the middleware
            }
          }
          setToRevoke(null);
        }}
      >
        Whatever uses this token gets 401 from now on, on every replica. This cannot be undone.
      </ConfirmDialog>
    </Card>
  );
}
