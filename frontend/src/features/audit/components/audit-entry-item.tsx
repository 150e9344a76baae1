import { Box, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import type { AuditEntry } from '@/api/generated/openapi';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative, formatValue, humanize } from '@/utils/format';

/** What each audit action reads as after the actor's name; also the activity filter's list. */
export const ACTION_TEXT: Record<string, string> = {
  'store.created': 'created',
  'store.updated': 'updated',
  'store.deleted': 'deleted',
  'store.status_changed': 'changed the status of',
  'store.provision_requested': 'requested provisioning of',
  'store.decommission_requested': 'requested decommissioning of',
  'store.rollback_requested': 'requested a rollback of',
  'store.network_allocated': 'allocated the network of',
  'store.network_released': 'released the network of',
  'store.hardware_allocated': 'allocated hardware to',
  'store.hardware_released': 'released the hardware of',
  'store.credentials_issued': 'issued credentials for',
  'store.credentials_revoked': 'revoked the credentials of',
  'store.credentials_rotated': 'rotated the credentials of',
  'store.credentials_restored': 'restored earlier credentials of',
  'store.credentials_released': 'released earlier credentials of',
  'store.credentials_viewed': 'viewed the credentials of',
  'store.bundle_rendered': 'rendered the configuration bundle of',
  'run.failed': 'saw a run fail for',
  'hardware_model.created': 'added hardware model',
  'hardware_item.created': 'added stock item',
  'hardware_item.imported': 'imported stock',
  'address_pool.created': 'added address pool',
  'address_pool.deleted': 'deleted address pool',
  'template.created': 'created template',
  'template.updated': 'updated template',
  'template.deleted': 'deleted template',
  'user.created': 'created user',
  'user.updated': 'updated user',
  'user.deleted': 'deleted user',
};

function subject(e: AuditEntry): string {
  if (e.storeCode) return e.storeCode;
  const code = e.changes.find(
    (c) =>
      ['code', 'username', 'cidr', 'serial', 'model'].includes(c.field) ||
      (e.entityType === 'template' && c.field === 'name'),
  );
  const v = code?.after ?? code?.before;
  if (typeof v === 'string') return v;
  // Only creations carry the code; otherwise the id's first block, as in the store's URL.
  const id = e.storeId ?? e.entityId;
  return id ? `${e.entityType} ${id.slice(0, 8)}` : e.entityType;
}

/** One audit entry as a timeline item: who did what, when, and what changed. */
export function AuditEntryItem({
  entry,
  showSubject = true,
  maxChanges = 4,
}: {
  entry: AuditEntry;
  showSubject?: boolean;
  maxChanges?: number;
}) {
  const verb = ACTION_TEXT[entry.action] ?? humanize(entry.action);
  const storeId = entry.storeId ?? (entry.entityType === 'store' ? entry.entityId : null);
  const templateId = entry.entityType === 'template' ? entry.entityId : null;
  const changes = entry.action === 'store.created' ? [] : entry.changes.slice(0, maxChanges);
  return (
    <Box
      component="li"
      sx={{ display: 'flex', gap: 1.5, position: 'relative', pb: 2, listStyle: 'none' }}
    >
      <Box
        aria-hidden
        sx={{
          width: 10,
          height: 10,
          mt: 0.75,
          borderRadius: '50%',
          bgcolor: 'primary.main',
          flexShrink: 0,
        }}
      />
      <Stack sx={{ minWidth: 0 }}>
        <Typography variant="body2">
          <strong>{entry.actor}</strong> {verb}{' '}
          {showSubject && storeId && entry.action !== 'store.deleted' ? (
            <Link component={RouterLink} to={paths.storeDetail.getHref(storeId)}>
              {subject(entry)}
            </Link>
          ) : showSubject && templateId && entry.action !== 'template.deleted' ? (
            <Link component={RouterLink} to={paths.templateDetail.getHref(templateId)}>
              {subject(entry)}
            </Link>
          ) : showSubject ? (
            subject(entry)
          ) : null}
        </Typography>
        <Typography variant="caption" color="text.secondary" title={formatDateTime(entry.time)}>
          <time dateTime={entry.time}>{formatRelative(entry.time)}</time>
        </Typography>
        {changes.length ? (
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2 }}>
            {changes.map((c) => (
              <Typography
                component="li"
                variant="caption"
                key={c.field}
                sx={{ overflowWrap: 'anywhere' }}
              >
                {c.field}: {formatValue(c.before)} → {formatValue(c.after)}
              </Typography>
            ))}
            {entry.changes.length > changes.length ? (
              <Typography component="li" variant="caption" color="text.secondary">
                and {entry.changes.length - changes.length} more
              </Typography>
            ) : null}
          </Box>
        ) : null}
      </Stack>
    </Box>
  );
}
