import { Link } from '@mui/material';
import {
  DataGrid,
  type GridColDef,
  type GridRowSelectionModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';

import type { Store } from '@/api/generated/openapi';
import { StoreStatusChip } from '@/components/ui/store-status-chip';
import { paths } from '@/config/paths';
import { formatDate, formatDateTime, humanize, pageRangeLabel } from '@/utils/format';

const SORTABLE = new Set([
  'code',
  'name',
  'city',
  'status',
  'type',
  'openingDate',
  'updatedAt',
  'createdAt',
]);

export function sortParamToModel(sort: string | undefined): GridSortModel {
  if (!sort) return [];
  const desc = sort.startsWith('-');
  return [{ field: desc ? sort.slice(1) : sort, sort: desc ? 'desc' : 'asc' }];
}

export function sortModelToParam(model: GridSortModel): string | null {
  const m = model[0];
  if (!m || !m.sort || !SORTABLE.has(m.field)) return null;
  return m.sort === 'desc' ? `-${m.field}` : m.field;
}

const columns: GridColDef<Store>[] = [
  {
    field: 'code',
    headerName: 'Code',
    width: 120,
    renderCell: ({ row }) => (
      <Link component={RouterLink} to={paths.storeDetail.getHref(row.id)} sx={{ fontWeight: 600 }}>
        {row.code}
      </Link>
    ),
  },
  { field: 'name', headerName: 'Name', flex: 1, minWidth: 180 },
  {
    field: 'status',
    headerName: 'Status',
    width: 160,
    renderCell: ({ row }) => <StoreStatusChip status={row.status} />,
  },
  { field: 'type', headerName: 'Type', width: 110, valueFormatter: (v: string) => humanize(v) },
  { field: 'city', headerName: 'City', width: 140, valueGetter: (_v, row) => row.location.city },
  {
    field: 'region',
    headerName: 'Region',
    width: 110,
    sortable: false,
    valueGetter: (_v, row) => row.location.region,
  },
  {
    field: 'country',
    headerName: 'Country',
    width: 90,
    sortable: false,
    valueGetter: (_v, row) => row.location.country,
  },
  {
    field: 'openingDate',
    headerName: 'Opening',
    width: 130,
    valueFormatter: (v: string | null) => formatDate(v),
  },
  {
    field: 'updatedAt',
    headerName: 'Updated',
    width: 170,
    valueFormatter: (v: string) => formatDateTime(v),
  },
];

export function StoreGrid({
  rows,
  total,
  totalIsEstimate = false,
  page,
  pageSize,
  sort,
  loading,
  selectable,
  selection,
  onSelectionChange,
  onPageChange,
  onSortChange,
}: {
  rows: Store[];
  total: number;
  /** `total` is the server's estimate (more than 10,000 stores match): shown as "about N". */
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
  sort: string | undefined;
  loading: boolean;
  selectable: boolean;
  selection: string[];
  onSelectionChange: (ids: string[]) => void;
  onPageChange: (page: number) => void;
  onSortChange: (sort: string | null) => void;
}) {
  const selectionModel: GridRowSelectionModel = useMemo(
    () => ({ type: 'include', ids: new Set(selection) }),
    [selection],
  );
  return (
    <DataGrid
      aria-label="Stores"
      rows={rows}
      columns={columns}
      rowCount={total}
      localeText={totalIsEstimate ? { paginationDisplayedRows: pageRangeLabel(true) } : undefined}
      loading={loading}
      paginationMode="server"
      sortingMode="server"
      filterMode="server"
      disableColumnFilter
      pageSizeOptions={[pageSize]}
      paginationModel={{ page: page - 1, pageSize }}
      onPaginationModelChange={(m) => onPageChange(m.page + 1)}
      sortModel={sortParamToModel(sort)}
      onSortModelChange={(m) => onSortChange(sortModelToParam(m))}
      checkboxSelection={selectable}
      disableRowSelectionOnClick
      keepNonExistentRowsSelected
      rowSelectionModel={selectionModel}
      onRowSelectionModelChange={(m) => onSelectionChange([...m.ids].map(String))}
      density="compact"
      rowHeight={44}
      disableVirtualization={import.meta.env.MODE === 'test'}
      sx={{ minHeight: 420, height: 'calc(100vh - 300px)' }}
    />
  );
}
