import {
  Card,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import {
  useGetHardwareQuery,
  useGetNetworkQuery,
} from '@/features/provisioning/api/provisioning-api';
import { humanize } from '@/utils/format';

export function NetworkTable({ storeId }: { storeId: string }) {
  const { data, error, isLoading, refetch } = useGetNetworkQuery(storeId);
  return (
    <Card>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        Network segments
      </Typography>
      {isLoading ? (
        <LoadingState label="Loading network segments" rows={3} />
      ) : error ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notAvailableText="Network allocations are not available on this server yet."
        />
      ) : !data?.length ? (
        <EmptyState
          title="No segments allocated"
          description="Segments are allocated when the store is provisioned."
        />
      ) : (
        <TableContainer>
          <Table size="small" aria-label="Allocated network segments">
            <TableHead>
              <TableRow>
                <TableCell>Purpose</TableCell>
                <TableCell>VLAN</TableCell>
                <TableCell>Subnet</TableCell>
                <TableCell>Gateway</TableCell>
                <TableCell>DHCP range</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((s) => (
                <TableRow key={`${s.purpose}-${s.cidr}`}>
                  <TableCell>{humanize(s.purpose)}</TableCell>
                  <TableCell>{s.vlanId ?? '—'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{s.cidr}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{s.gateway ?? '—'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{s.dhcpRange ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Card>
  );
}

export function HardwareTable({ storeId }: { storeId: string }) {
  const { data, error, isLoading, refetch } = useGetHardwareQuery(storeId);
  return (
    <Card>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        Hardware
      </Typography>
      {isLoading ? (
        <LoadingState label="Loading hardware" rows={3} />
      ) : error ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notAvailableText="Hardware allocations are not available on this server yet."
        />
      ) : !data?.length ? (
        <EmptyState
          title="No hardware allocated"
          description="Serials are reserved when the store is provisioned."
        />
      ) : (
        <TableContainer>
          <Table size="small" aria-label="Allocated hardware">
            <TableHead>
              <TableRow>
                <TableCell>Kind</TableCell>
                <TableCell>Model</TableCell>
                <TableCell>Serial</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((h) => (
                <TableRow key={h.serial}>
                  <TableCell>{humanize(h.kind)}</TableCell>
                  <TableCell>{[h.vendor, h.model].filter(Boolean).join(' ') || '—'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{h.serial}</TableCell>
                  <TableCell>{humanize(h.status)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Card>
  );
}
