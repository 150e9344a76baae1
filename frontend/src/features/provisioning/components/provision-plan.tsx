import {
  Box,
  Button,
  Chip,
  List,
  ListItem,
  Stack,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useId, useState, type ReactNode } from 'react';

import type { ProvisionPlan } from '@/api/generated/openapi';
import { SimpleTable } from '@/components/ui/table-panel';
import { DiffLines, type BundleFileDiff } from '@/features/provisioning/components/file-diff';
import { humanize } from '@/utils/format';

const CHANGES = ['added', 'changed', 'removed', 'unchanged'] as const;
/** One line per row: a narrow screen scrolls the table sideways rather than breaking a serial. */
const NO_WRAP = { '& > td': { whiteSpace: 'nowrap' } } as const;

/** What the store holds already (an earlier, failed run): kept, not taken again. */
function Held({ held, fresh }: { held: boolean; fresh: string }) {
  return held ? (
    <Chip size="small" variant="outlined" label="Already allocated" />
  ) : (
    <Typography component="span" variant="body2">
      {fresh}
    </Typography>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id}>
      <Typography id={id} component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function BundleFile({ file }: { file: BundleFileDiff }) {
  const [open, setOpen] = useState(false);
  const diffId = useId();
  return (
    <ListItem disableGutters sx={{ display: 'block', py: 0.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography
          component="span"
          variant="body2"
          sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
        >
          {file.path}
        </Typography>
        <Chip size="small" label={file.change} />
        {file.diff ? (
          <Button
            size="small"
            aria-expanded={open}
            aria-controls={open ? diffId : undefined}
            aria-label={`${open ? 'Hide' : 'Show'} diff of ${file.path}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide diff' : 'Show diff'}
          </Button>
        ) : null}
      </Stack>
      {open ? (
        <Box sx={{ mt: 0.5 }}>
          <DiffLines id={diffId} diff={file.diff} label={`Unified diff of ${file.path}`} />
        </Box>
      ) : null}
    </ListItem>
  );
}

/**
 * A provisioning plan as the service computed it: the segments with their VLAN, subnet, gateway
 * and DHCP range, the devices by serial, where the credentials go, and the config bundle's files
 * with their diffs against the current bundle. What the store holds already is marked.
 */
export function ProvisionPlanView({ plan }: { plan: ProvisionPlan }) {
  const files = plan.bundle.files;
  const counts = CHANGES.map((c) => [c, files.filter((f) => f.change === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c}`)
    .join(', ');
  return (
    <Stack spacing={3}>
      <Section title="Network segments">
        {plan.segments.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            The store's network plan has no segments.
          </Typography>
        ) : (
          <SimpleTable
            label="Planned network segments"
            headers={['Purpose', 'VLAN', 'Subnet', 'Gateway', 'DHCP range', 'Status']}
          >
            {plan.segments.map((s) => (
              <TableRow key={s.purpose} sx={NO_WRAP}>
                <TableCell>{humanize(s.purpose)}</TableCell>
                <TableCell>{s.vlanId}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{s.cidr}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{s.gateway}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {s.dhcpStart} – {s.dhcpEnd}
                </TableCell>
                <TableCell>
                  <Held held={s.held} fresh={s.poolId ? 'From a pool' : 'Own range'} />
                </TableCell>
              </TableRow>
            ))}
          </SimpleTable>
        )}
      </Section>
      <Section title="Devices">
        {plan.devices.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            The store's hardware plan is empty.
          </Typography>
        ) : (
          <SimpleTable
            label="Planned devices"
            headers={['Kind', 'Serial', 'Vendor / model', 'Status']}
          >
            {plan.devices.map((d) => (
              <TableRow key={d.serial} sx={NO_WRAP}>
                <TableCell>{humanize(d.kind)}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{d.serial}</TableCell>
                <TableCell>
                  {d.vendor} {d.model}
                </TableCell>
                <TableCell>
                  <Held held={d.held} fresh="To reserve" />
                </TableCell>
              </TableRow>
            ))}
          </SimpleTable>
        )}
      </Section>
      <Section title="Credentials">
        <Typography variant="body2">
          Written to the secret store at{' '}
          <Box component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {plan.secretPath}
          </Box>
        </Typography>
      </Section>
      <Section title="Config bundle">
        <Typography variant="body2" color="text.secondary">
          {plan.bundle.from
            ? `Compared with the current bundle ${plan.bundle.from.slice(0, 12)}`
            : 'No bundle yet: every file is new'}
          {counts ? ` · ${counts}` : ''}
        </Typography>
        <List dense aria-label="Config bundle files">
          {files.map((f) => (
            <BundleFile key={f.path} file={f} />
          ))}
        </List>
      </Section>
    </Stack>
  );
}
