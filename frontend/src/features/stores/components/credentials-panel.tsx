import AutorenewRounded from '@mui/icons-material/AutorenewRounded';
import ContentCopyRounded from '@mui/icons-material/ContentCopyRounded';
import GppBadRounded from '@mui/icons-material/GppBadRounded';
import VisibilityOffRounded from '@mui/icons-material/VisibilityOffRounded';
import VisibilityRounded from '@mui/icons-material/VisibilityRounded';
import {
  Alert,
  Box,
  Button,
  Card,
  Chip,
  IconButton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useDispatch } from 'react-redux';

import type { CredentialVersion, Credentials, Store } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { WithReason } from '@/components/ui/with-reason';
import {
  useChangeCredentialsMutation,
  useGetCredentialVersionsQuery,
  useRevealCredentialsMutation,
  type CredentialAction,
} from '@/features/stores/api/stores-api';
import { useAuthorization, useTransitionPermission } from '@/lib/authorization';
import { notify } from '@/lib/notifications';
import { formatDate, formatDateTime, humanize } from '@/utils/format';

/** How long revealed secrets stay on screen. */
export const REVEAL_SECONDS = 30;

const LABELS: Record<string, string> = {
  device_admin_password: 'Device admin password',
  wifi_guest_psk: 'Guest Wi-Fi key',
  wifi_corporate_psk: 'Corporate Wi-Fi key',
};

const STATE_COLOR = {
  current: 'success',
  kept: 'info',
  released: 'default',
  revoked: 'default',
} as const satisfies Record<CredentialVersion['state'], string>;

const ACTIONS: Record<
  CredentialAction,
  {
    label: string;
    done: string;
    title: (code: string, version?: number) => string;
    confirm: string;
    danger?: boolean;
  }
> = {
  rotate: {
    label: 'Rotate',
    done: 'rotated',
    title: (code) => `Rotate the credentials of ${code}?`,
    confirm:
      'Issues new device and Wi-Fi secrets and re-renders the configuration bundle. The current ones are kept for rollback until you release them.',
  },
  revoke: {
    label: 'Revoke',
    done: 'revoked',
    title: (code) => `Revoke the credentials of ${code}?`,
    confirm:
      'For leaked secrets: issues new ones, re-renders the bundle and deletes every earlier version at once. Devices keep working only once they have the new bundle.',
    danger: true,
  },
  restore: {
    label: 'Restore',
    done: 'restored',
    title: (_code, v) => `Restore version ${v}?`,
    confirm:
      'Makes this version current again and re-renders the bundle to name it; the current version is kept for rollback.',
  },
  release: {
    label: 'Release',
    done: 'released',
    title: (_code, v) => `Release version ${v}?`,
    confirm:
      'Deletes the secrets of this version from the secret store. It cannot be restored afterwards.',
    danger: true,
  },
};

type Revealed = { version: number; secrets: Credentials['credentials'] };

/**
 * A store's device and Wi-Fi secrets: their versions (everyone; no secrets), whether rotation
 * is due, reveal on demand (admin; each reveal is audited, hidden again after REVEAL_SECONDS),
 * and — on an active store, for the role of permissions.rotate — rotate, revoke, and restore or
 * release a version kept for rollback.
 */
export function CredentialsPanel({ store }: { store: Store }) {
  const { can } = useAuthorization();
  const permission = useTransitionPermission()('rotate');
  const versions = useGetCredentialVersionsQuery(store.id);
  const [reveal, { isLoading: revealing }] = useRevealCredentialsMutation();
  const [change, { isLoading: changing }] = useChangeCredentialsMutation();
  const dispatch = useDispatch();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [left, setLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ action: CredentialAction; version?: number } | null>(
    null,
  );
  useEffect(() => {
    if (!revealed) return;
    if (left <= 0) {
      setRevealed(null);
      return;
    }
    const t = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [revealed, left]);

  const show = async (version?: number) => {
    setError(null);
    try {
      const r = await reveal({ id: store.id, version }).unwrap();
      setRevealed({ version: r.version, secrets: r.credentials });
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
  const confirm = async () => {
    if (!pending) return;
    try {
      const after = await change({ id: store.id, ...pending }).unwrap();
      setRevealed(null);
      dispatch(
        notify({
          severity: 'success',
          message: `Credentials ${ACTIONS[pending.action].done}: version ${after.current ?? '—'} is current`,
        }),
      );
    } catch {
      // the error toast comes from the middleware
    }
    setPending(null);
  };

  const history = versions.data;
  const mayReveal = can('credentials:reveal');
  // Operators and admins see the actions; below permissions.rotate they are disabled, with why.
  const mayChange = store.status === 'active' && can('stores:provision');
  const actionButton = (action: CredentialAction, version?: number, small = false) => (
    <WithReason key={`${action}-${version ?? ''}`} reason={permission.reason}>
      <Button
        size="small"
        variant={small ? 'text' : action === 'rotate' ? 'outlined' : 'text'}
        color={ACTIONS[action].danger ? 'error' : 'primary'}
        startIcon={
          small ? undefined : action === 'rotate' ? <AutorenewRounded /> : <GppBadRounded />
        }
        disabled={changing || !permission.allowed}
        aria-label={version ? `${ACTIONS[action].label} version ${version}` : undefined}
        onClick={() => setPending({ action, version })}
      >
        {ACTIONS[action].label}
      </Button>
    </WithReason>
  );

  return (
    <Card>
      <Stack
        direction="row"
        sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
      >
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          <Typography component="h2" variant="h6">
            Credentials
          </Typography>
          {history?.rotationDue ? <Chip size="small" color="warning" label="Rotation due" /> : null}
        </Stack>
        {!mayReveal ? null : revealed ? (
          <Button
            size="small"
            startIcon={<VisibilityOffRounded />}
            onClick={() => setRevealed(null)}
          >
            Hide
          </Button>
        ) : (
          <Button
            size="small"
            variant="outlined"
            startIcon={<VisibilityRounded />}
            // Disabled only once the versions say nothing is current (not while they load).
            disabled={revealing || (history !== undefined && history.current == null)}
            onClick={() => void show()}
          >
            Reveal credentials
          </Button>
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {history?.current == null
          ? 'No credentials are in force.'
          : history.rotationDueAt
            ? `Version ${history.current} is current; rotation ${history.rotationDue ? 'was due on' : 'is due on'} ${formatDate(history.rotationDueAt)}.`
            : `Version ${history.current} is current.`}
      </Typography>
      {error ? <Alert severity="warning">{error}</Alert> : null}
      {versions.isError ? (
        <Alert severity="warning">{problemMessage(toProblem(versions.error))}</Alert>
      ) : null}
      {revealed ? (
        <>
          <Box
            component="dl"
            sx={{ m: 0 }}
            aria-label={`Store credentials, version ${revealed.version}`}
          >
            {Object.entries(revealed.secrets).map(([key, value]) => {
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
            Version {revealed.version}, hidden again in {left} s. This reveal is recorded in the
            activity log.
          </Typography>
        </>
      ) : null}
      {history && history.versions.length > 0 ? (
        <Box
          component="ul"
          aria-label="Credential versions"
          sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }}
        >
          {history.versions.map((v) => (
            <Stack
              component="li"
              key={v.version}
              direction="row"
              sx={{ alignItems: 'center', gap: 1, py: 0.5, flexWrap: 'wrap' }}
            >
              <Typography variant="body2" sx={{ fontWeight: 600, minWidth: 28 }}>
                v{v.version}
              </Typography>
              <Chip size="small" variant="outlined" color={STATE_COLOR[v.state]} label={v.state} />
              <Typography variant="caption" color="text.secondary" sx={{ flex: 1, minWidth: 120 }}>
                {v.endedAt
                  ? `${v.state} ${formatDateTime(v.endedAt)}${v.endedBy ? ` by ${v.endedBy}` : ''}`
                  : `since ${formatDateTime(v.createdAt)}${v.createdBy ? ` by ${v.createdBy}` : ''}`}
              </Typography>
              {v.state === 'kept' && mayReveal ? (
                <Tooltip title={`Reveal version ${v.version}`}>
                  <IconButton
                    size="small"
                    aria-label={`Reveal version ${v.version}`}
                    disabled={revealing}
                    onClick={() => void show(v.version)}
                  >
                    <VisibilityRounded fontSize="small" />
                  </IconButton>
                </Tooltip>
              ) : null}
              {v.state === 'kept' && mayChange ? (
                <>
                  {actionButton('restore', v.version, true)}
                  {actionButton('release', v.version, true)}
                </>
              ) : null}
            </Stack>
          ))}
        </Box>
      ) : null}
      {mayChange && history?.current != null ? (
        <Stack direction="row" sx={{ gap: 1, mt: 1, flexWrap: 'wrap' }}>
          {actionButton('rotate')}
          {actionButton('revoke')}
        </Stack>
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? ACTIONS[pending.action].title(store.code, pending.version) : ''}
        confirmLabel={pending ? ACTIONS[pending.action].label : 'Confirm'}
        destructive={pending ? ACTIONS[pending.action].danger : false}
        busy={changing}
        onCancel={() => setPending(null)}
        onConfirm={() => void confirm()}
      >
        {pending ? ACTIONS[pending.action].confirm : ''}
      </ConfirmDialog>
    </Card>
  );
}
