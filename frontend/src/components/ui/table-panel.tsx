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
import type { ReactNode } from 'react';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';

/** A small table: a header row of `headers`, then `children` (the body rows). */
export function SimpleTable({
  label,
  headers,
  children,
}: {
  label: string;
  headers: string[];
  children: ReactNode;
}) {
  // Focusable, so that a table wider than a phone can be scrolled with the keyboard.
  return (
    <TableContainer tabIndex={0} role="region" aria-label={label}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {headers.map((h) => (
              <TableCell key={h}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>{children}</TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * A titled card showing one query's table with its loading, error and empty states: the
 * scaffold the alert history and the allocation tables share. `children` renders the rows
 * once there are some.
 */
interface TableQuery {
  /** A list answer of the API: `{items: [...]}`. */
  data?: { items: readonly unknown[] };
  error?: unknown;
  isLoading: boolean;
  refetch: () => unknown;
}

export function QueryTablePanel<Q extends TableQuery>({
  title,
  tableLabel,
  headers,
  query,
  loadingLabel,
  empty,
  children,
}: {
  title: string;
  tableLabel: string;
  headers: string[];
  query: Q;
  loadingLabel: string;
  empty: { title: string; description: string };
  children: (items: NonNullable<Q['data']>['items']) => ReactNode;
}) {
  const { data, error, isLoading, refetch } = query;
  return (
    <Card>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {isLoading ? (
        <LoadingState label={loadingLabel} rows={3} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data?.items.length ? (
        <EmptyState title={empty.title} description={empty.description} />
      ) : (
        <SimpleTable label={tableLabel} headers={headers}>
          {children(data.items as NonNullable<Q['data']>['items'])}
        </SimpleTable>
      )}
    </Card>
  );
}
