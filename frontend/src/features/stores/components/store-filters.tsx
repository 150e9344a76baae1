import ClearRounded from '@mui/icons-material/ClearRounded';
import TuneRounded from '@mui/icons-material/TuneRounded';
import { Button, Grid, TextField } from '@mui/material';
import { memo, useEffect, useRef, useState } from 'react';

import { storeStatusValues, storeTypeValues } from '@/api/generated/openapi';
import { SearchField, SelectFilter } from '@/components/ui/filter-fields';
import type { StoreListParams } from '@/features/stores/api/stores-api';
import type { ListUpdate } from '@/features/stores/hooks/use-store-list-params';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useIsPhone } from '@/hooks/use-is-phone';

type TextKey = 'q' | 'country' | 'region' | 'tag';

/** A text filter that writes to the URL after typing pauses. */
function useDebouncedFilter(
  key: TextKey,
  value: string | undefined,
  update: (c: ListUpdate) => void,
) {
  const [text, setText] = useState(value ?? '');
  const debounced = useDebouncedValue(text, 350);
  const last = useRef(value ?? '');
  useEffect(() => {
    // The URL changed from outside (back button, reset): follow it.
    if ((value ?? '') !== last.current) {
      last.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);
  useEffect(() => {
    if (debounced !== last.current) {
      last.current = debounced;
      update({ [key]: debounced.trim() || null });
    }
  }, [debounced, key, update]);
  return [text, setText] as const;
}

/**
 * Search and filters of the store list. On a phone, type, country, region and tag fold away
 * behind "More filters" (open when one of them is set), so the list starts near the top.
 * Memoised: the list's data arriving does not render the six fields again.
 */
export const StoreFilters = memo(function StoreFilters({
  params,
  update,
}: {
  params: StoreListParams;
  update: (c: ListUpdate) => void;
}) {
  const isPhone = useIsPhone();
  const secondary = [params.type, params.country, params.region, params.tag].filter(Boolean).length;
  const [more, setMore] = useState(secondary > 0);
  const showSecondary = !isPhone || more || secondary > 0;
  const [q, setQ] = useDebouncedFilter('q', params.q, update);
  const [country, setCountry] = useDebouncedFilter('country', params.country, update);
  const [region, setRegion] = useDebouncedFilter('region', params.region, update);
  const [tag, setTag] = useDebouncedFilter('tag', params.tag, update);
  const anyFilter = Boolean(
    params.q || params.status || params.type || params.country || params.region || params.tag,
  );
  return (
    <Grid
      container
      spacing={1.5}
      role="search"
      aria-label="Filter stores"
      sx={{ alignItems: 'center' }}
    >
      <Grid size={{ xs: 12, md: 3.5 }}>
        <SearchField
          fullWidth
          label="Search"
          placeholder="Code, name or city"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </Grid>
      <Grid size={{ xs: 6, sm: 4, md: 2 }}>
        <SelectFilter
          fullWidth
          label="Status"
          anyLabel="Any status"
          value={params.status ?? ''}
          options={storeStatusValues}
          onChange={(v) => update({ status: v || null })}
        />
      </Grid>
      {isPhone ? (
        <Grid size={6}>
          <Button
            fullWidth
            variant="outlined"
            startIcon={<TuneRounded />}
            aria-expanded={showSecondary}
            disabled={secondary > 0}
            onClick={() => setMore((m) => !m)}
          >
            {showSecondary ? 'Fewer filters' : 'More filters'}
          </Button>
        </Grid>
      ) : null}
      {showSecondary ? (
        <>
          <Grid size={{ xs: 6, sm: 4, md: 1.5 }}>
            <SelectFilter
              fullWidth
              label="Type"
              anyLabel="Any type"
              value={params.type ?? ''}
              options={storeTypeValues}
              onChange={(v) => update({ type: v || null })}
            />
          </Grid>
          <Grid size={{ xs: 4, sm: 4, md: 1.25 }}>
            <TextField
              fullWidth
              label="Country"
              value={country}
              onChange={(e) => setCountry(e.target.value.toUpperCase())}
              slotProps={{ htmlInput: { maxLength: 2 } }}
            />
          </Grid>
          <Grid size={{ xs: 4, sm: 6, md: 1.5 }}>
            <TextField
              fullWidth
              label="Region"
              value={region}
              onChange={(e) => setRegion(e.target.value)}
            />
          </Grid>
          <Grid size={{ xs: 4, sm: 6, md: 1.25 }}>
            <TextField
              fullWidth
              label="Tag"
              value={tag}
              onChange={(e) => setTag(e.target.value.toLowerCase())}
            />
          </Grid>
        </>
      ) : null}
      <Grid size={{ xs: 12, md: 1 }}>
        <Button
          fullWidth
          startIcon={<ClearRounded />}
          disabled={!anyFilter}
          onClick={() =>
            update({ q: null, status: null, type: null, country: null, region: null, tag: null })
          }
        >
          Reset
        </Button>
      </Grid>
    </Grid>
  );
});
