import { TableCell, TableRow } from '@mui/material';

import { QueryTablePanel } from '@/components/ui/table-panel';
import {
  useGetHardwareQuery,
  useGetNetworkQuery,
} from '@/features/provisioning/api/provisioning-api';
import { humanize } from '@/utils/format';

export function NetworkTable({ storeId }: { storeId: string }) {
  return (
    <QueryTablePanel
      title="Network segments"
      tableLabel="Allocated network segments"
      headers={['Purpose', 'VLAN', 'Subnet', 'Gateway', 'DHCP range']}
      query={useGetNetworkQuery(storeId)}
      loadingLabel="Loading network segments"
      empty={{
        title: 'No segments allocated',
        description: 'Segments are allocated when the store is provisioned.',
      }}
    >
      {(segments) =>
        segments.map((s) => (
          <TableRow key={s.id}>
            <TableCell>{humanize(s.purpose)}</TableCell>
            <TableCell>{s.vlanId}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{s.cidr}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{s.gateway}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              {s.dhcpStart} – {s.dhcpEnd}
            </TableCell>
          </TableRow>
        ))
      }
    </QueryTablePanel>
  );
}

export function HardwareTable({ storeId }: { storeId: string }) {
  return (
    <QueryTablePanel
      title="Hardware"
      tableLabel="Allocated hardware"
      headers={['Kind', 'Serial', 'Status']}
      query={useGetHardwareQuery(storeId)}
      loadingLabel="Loading hardware"
      empty={{
        title: 'No hardware allocated',
        description: 'Serials are reserved when the store is provisioned.',
      }}
    >
      {(items) =>
        items.map((h) => (
          <TableRow key={h.id}>
            <TableCell>{humanize(h.kind)}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{h.serial}</TableCell>
            <TableCell>{humanize(h.status)}</TableCell>
          </TableRow>
        ))
      }
    </QueryTablePanel>
  );
}
