import { Autocomplete, TextField } from '@mui/material';
import { useState } from 'react';

import type { Store } from '@/api/generated/openapi';
import { useGetStoreQuery, useListStoresQuery } from '@/features/stores/api/stores-api';
import { useDebouncedValue } from '@/hooks/use-debounced-value';

/** Picks one store by code or name (search as you type); `value` is its id. */
export function StorePicker({
  value,
  onChange,
  label = 'Store',
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
}) {
  const [input, setInput] = useState('');
  const q = useDebouncedValue(input.trim());
  const selected = useGetStoreQuery(value ?? '', { skip: !value });
  const options = useListStoresQuery({ page: 1, pageSize: 20, ...(q ? { q } : {}) });
  const list: Store[] = options.data?.items ?? [];
  const current = value ? (selected.data ?? null) : null;
  const all = current && !list.some((s) => s.id === current.id) ? [current, ...list] : list;
  return (
    <Autocomplete
      size="small"
      options={all}
      value={current}
      loading={options.isFetching}
      getOptionLabel={(s) => `${s.code} — ${s.name}`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      onInputChange={(_e, v) => setInput(v)}
      onChange={(_e, s) => onChange(s?.id ?? null)}
      renderInput={(params) => <TextField {...params} label={label} />}
      sx={{ minWidth: 220 }}
    />
  );
}
