import ContentCopyRounded from '@mui/icons-material/ContentCopyRounded';
import VisibilityOffRounded from '@mui/icons-material/VisibilityOffRounded';
import VisibilityRounded from '@mui/icons-material/VisibilityRounded';
import { Alert, Box, Button, Card, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDispatch } from 'react-redux';

import type { Credentials } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { useRevealCredentialsMutation } from '@/features/stores/api/stores-api';
import { notify } from '@/lib/notifications';
import { humanize } from '@/utils/format';

/** How long revealed secrets stay on screen. */
export const REVEAL_SECONDS = 30;

const LABELS: Record<string, string> = {
  device_admin_password: 'Device admin password',
  wifi_guest_psk: 'Guest Wi-Fi key',
  wifi_corporate_psk: 'Corporate Wi-Fi key',
};

/**
 * The store's device and Wi-Fi secrets (admin): hidden until asked for — each reveal is
 * audited by the service — and hidden again after REVEAL_SECONDS. Credentials are revoked
 * by decommissioning the store; the API offers no other revocation.
 */
export function CredentialsPanel({ storeId }: { storeId: string }) {
  const [reveal, { isLoading }] = useRevealCredentialsMutation();
  const dispatch = useDispatch();
  const [secrets, setSecrets] = useState<Credentials['credentials'] | null>(null);
  const [left, setLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!secrets) return;
    if (left <= 0) {
      setSecrets(null);
      return;
    }
    const t = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [secrets, left]);
  const show = async () => {
    setError(null);
    try {
      const r = await reveal(storeId).unwrap();
      setSecrets(r.credentials);
      setLeft(REVEAL_SECONDS);
    } catch (err) {
      const p = toProblem(err);
      setError(p.status === 404 ? 'No credentials were issued for this store.' : problemMessage(p));
    }
  };
  const copy = async (label: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      dispatch(notify({ severity: 'success', message: `${label} copied` }));
    } catch {
      dispatch(notify({ severity: 'error', message: 'The browser did not allow copying' }));
    }
  };
  return (
    <Card>
      <Stack
        direction="row"
        sx={{
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 1,
          flexWrap: 'wrap',
          mb: 1,
        }}
      >
        <Typography component="h2" variant="h6">
          Credentials
        </Typography>
        {secrets ? (
          <Button
            size="small"
            startIcon={<VisibilityOffRounded />}
            onClick={() => setSecrets(null)}
          >
            Hide
          </Button>
        ) : (
          <Button
            size="small"
            variant="outlined"
            startIcon={<VisibilityRounded />}
            disabled={isLoading}
            onClick={() => void show()}
          >
            Reveal credentials
          </Button>
        )}
      </Stack>
      {error ? <Alert severity="warning">{error}</Alert> : null}
      {secrets ? (
        <>
          <Box component="dl" sx={{ m: 0 }} aria-label="Store credentials">
            {Object.entries(secrets).map(([key, value]) => {
              const label = LABELS[key] ?? humanize(key);
              return (
                <Stack
                  key={key}
                  direction="row"
                  sx={{ alignItems: 'center', justifyContent: 'space-between', py: 0.5, gap: 1 }}
                >
                  <Box sx={{ minWidth: 0 }}>
                    <Typography component="dt" variant="caption" color="text.secondary">
                      {label}
                    </Typography>
                    <Typography
                      component="dd"
                      sx={{ m: 0, fontFamily: 'monospace', overflowWrap: 'anywhere' }}
                    >
                      {value}
                    </Typography>
                  </Box>
                  <Tooltip title={`Copy ${label.toLowerCase()}`}>
                    <IconButton
                      aria-label={`Copy ${label}`}
                      onClick={() => void copy(label, value)}
                    >
                      <ContentCopyRounded fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </Stack>
              );
            })}
          </Box>
          <Typography variant="caption" color="text.secondary" role="timer" aria-live="off">
            Hidden again in {left} s. This reveal is recorded in the activity log.
          </Typography>
        </>
      ) : !error ? (
        <Typography variant="body2" color="text.secondary">
          Hidden. Each reveal is recorded in the activity log; decommissioning the store revokes
          them.
        </Typography>
      ) : null}
    </Card>
  );
}
