import {
  Card,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { pageRangeLabel } from '@/utils/format';

/** A column heading: its text, or its text and alignment (e.g. a right-aligned "Actions"). */
export type TableHeader = string | { label: string; align: 'right' };

/** A small table: a header row of `headers`, then `children` (the body rows). */
export function SimpleTable({
  label,
  headers,
  children,
}: {
  label: string;
  headers: TableHeader[];
  children: ReactNode;
}) {
  // Focusable, so that a table wider than a phone can be scrolled with the keyboard.
  return (
    <TableContainer tabIndex={0} role="region" aria-label={label}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {headers.map((h) =>
              typeof h === 'string' ? (
                <TableCell key={h}>{h}</TableCell>
              ) : (
                <TableCell key={h.label} align={h.align}>
                  {h.label}
                </TableCell>
              ),
            )}
          </TableRow>
        </TableHead>
        <TableBody>{children}</TableBody>
      </Table>
    </TableContainer>
  );
}

/** A panel's heading (h2) with its actions (buttons) on the same line, wrapping on a phone. */
export function PanelHeader({
  title,
  titleId,
  actions,
}: {
  title: string;
  /** For a panel labelled by its heading (`aria-labelledby`). */
  titleId?: string;
  actions?: ReactNode;
}) {
  return (
    <Stack
      direction="row"
      sx={{
        justifyContent: 'space-between',
        alignItems: 'center',
        mb: 1,
        gap: 1,
        flexWrap: 'wrap',
      }}
    >
      <Typography id={titleId} component="h2" variant="h6">
        {title}
      </Typography>
      {actions ? (
        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
          {actions}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** What QueryTable reads of an RTK Query result: a list answer of the API, `{items: [...]}`. */
interface TableQuery {
  data?: { items: readonly unknown[]; total?: number; totalIsEstimate?: boolean };
  error?: unknown;
  isLoading: boolean;
  refetch: () => unknown;
}

/** A page of a paged list: 0-based `page`, and what to do when the page or its size changes. */
export interface TablePaging {
  page: number;
  pageSize: number;
  pageSizes: number[];
  onChange: (page: number, pageSize: number) => void;
}

/**
 * One query's table with its loading, error and empty states, and (with `paging`, for an
 * answer with a `total`) the page controls below it. `children` renders the rows once there
 * are some.
 */
export function QueryTable<Q extends TableQuery>({
  query,
  label,
  headers,
  loadingLabel,
  loadingRows = 3,
  errorTitle,
  empty,
  paging,
  children,
}: {
  query: Q;
  label: string;
  headers: TableHeader[];
  loadingLabel: string;
  loadingRows?: number;
  errorTitle?: string;
  empty: { title: string; description?: string };
  paging?: TablePaging;
  children: (items: NonNullable<Q['data']>['items']) => ReactNode;
}) {
  const { data, error, isLoading, refetch } = query;
  if (isLoading) return <LoadingState label={loadingLabel} rows={loadingRows} />;
  if (error) return <ErrorState error={error} title={errorTitle} onRetry={() => void refetch()} />;
  if (!data?.items.length)
    return <EmptyState title={empty.title} description={empty.description} />;
  return (
    <>
      <SimpleTable label={label} headers={headers}>
        {children(data.items as NonNullable<Q['data']>['items'])}
      </SimpleTable>
      {paging ? (
        <TablePagination
          component="div"
          count={data.total ?? data.items.length}
          labelDisplayedRows={pageRangeLabel(data.totalIsEstimate ?? false)}
          page={paging.page}
          onPageChange={(_e, p) => paging.onChange(p, paging.pageSize)}
          rowsPerPage={paging.pageSize}
          rowsPerPageOptions={paging.pageSizes}
          onRowsPerPageChange={(e) => paging.onChange(0, Number(e.target.value))}
        />
      ) : null}
    </>
  );
}

/**
 * A titled card showing one query's table with its loading, error and empty states: the
 * scaffold the alert history and the allocation tables share.
 */
export function QueryTablePanel<Q extends TableQuery>({
  title,
  tableLabel,
  ...table
}: {
  title: string;
  tableLabel: string;
  headers: string[];
  query: Q;
  loadingLabel: string;
  empty: { title: string; description: string };
  children: (items: NonNullable<Q['data']>['items']) => ReactNode;
}) {
  return (
    <Card>
      <PanelHeader title={title} />
      <QueryTable label={tableLabel} {...table} />
    </Card>
  );
}
