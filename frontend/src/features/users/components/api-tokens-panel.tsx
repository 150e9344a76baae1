import AddRounded from '@mui/icons-material/AddRounded';
import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import {
  Button,
  Card,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';

import type { ApiToken } from '@/api/generated/openapi';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { useListTokensQuery, useRevokeTokenMutation } from '@/features/users/api/tokens-api';
import { CreateTokenDialog } from '@/features/users/components/create-token-dialog';
import { formatDateTime, humanize } from '@/utils/format';

/** Automation tokens on the Users page: list, create (secret shown once), revoke. */
export function ApiTokensPanel() {
  const { data, error, isLoading, refetch } = useListTokensQuery();
  const [revokeToken, { isLoading: revoking }] = useRevokeTokenMutation();
  const [creating, setCreating] = useState(false);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);

  let body;
  if (isLoading) body = <LoadingState label="Loading tokens" rows={2} />;
  else if (error)
    body = (
      <ErrorState error={error} title="Could not load tokens" onRetry={() => void refetch()} />
    );
  else if (!data?.items.length)
    body = (
      <EmptyState
        title="No automation tokens"
        description="Scripts and CI use a token instead of a person's password."
      />
    );
  else
    body = (
      <TableContainer>
        <Table aria-label="Automation tokens">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell>Last used</TableCell>
              <TableCell align="right">Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.items.map((t) => (
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
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    );

  return (
    <Card sx={{ p: 0, mt: 3 }} component="section" aria-labelledby="api-tokens-title">
      <Stack
        direction="row"
        sx={{ px: 2, py: 1.5, alignItems: 'center', justifyContent: 'space-between', gap: 2 }}
      >
        <Typography id="api-tokens-title" component="h2" variant="h6">
          Automation tokens
        </Typography>
        <Button variant="outlined" startIcon={<AddRounded />} onClick={() => setCreating(true)}>
          New token
        </Button>
      </Stack>
      {body}
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
