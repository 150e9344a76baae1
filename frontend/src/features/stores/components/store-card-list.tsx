import { Box, Card, CardActionArea, Checkbox, Pagination, Stack, Typography } from '@mui/material';
import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { Link as RouterLink } from 'react-router';

import type { Store } from '@/api/generated/openapi';
import { StoreStatusChip } from '@/components/ui/store-status-chip';
import { paths } from '@/config/paths';
import { useNearScreen } from '@/hooks/use-on-screen';
import { formatNumber, humanize } from '@/utils/format';

/**
 * Cards rendered at once: a phone's first screen holds four or five below the filters. The
 * rest of the page follows in steps of CARDS_PER_STEP.
 */
const FIRST_CARDS = 5;
const CARDS_PER_STEP = 10;

/**
 * How many of `rows` to render: the first step at once, then, while the end of the list
 * (`end`) is on screen or near it, one step per task in a transition — so a page of 100
 * cards never builds (and commits) in one long task on a phone, and cards nobody has
 * scrolled to are not built at load.
 */
function useProgressiveCount(rows: unknown[], end: RefObject<Element | null>): number {
  const [progress, setProgress] = useState({ rows, shown: FIRST_CARDS });
  if (progress.rows !== rows) setProgress({ rows, shown: FIRST_CARDS });
  const { shown } = progress;
  const near = useNearScreen(end, '200px');
  useEffect(() => {
    if (!near || shown >= rows.length) return undefined;
    const t = setTimeout(() =>
      startTransition(() =>
        setProgress((p) => (p.rows === rows ? { rows, shown: p.shown + CARDS_PER_STEP } : p)),
      ),
    );
    return () => clearTimeout(t);
  }, [rows, shown, near]);
  return Math.min(shown, rows.length);
}

const StoreCard = memo(function StoreCard({
  store: s,
  selectable,
  selected,
  onToggle,
}: {
  store: Store;
  selectable: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
}) {
  return (
    <Card component="li" sx={{ p: 0, gap: 0, display: 'flex', alignItems: 'stretch' }}>
      {selectable ? (
        <Box sx={{ display: 'flex', alignItems: 'center', pl: 0.5 }}>
          <Checkbox
            checked={selected}
            onChange={() => onToggle(s.id)}
            slotProps={{ input: { 'aria-label': `Select ${s.code}` } }}
          />
        </Box>
      ) : null}
      <CardActionArea component={RouterLink} to={paths.storeDetail.getHref(s.id)} sx={{ p: 1.5 }}>
        <Stack
          direction="row"
          sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1 }}
        >
          <Typography variant="subtitle2" component="span">
            {s.code}
          </Typography>
          <StoreStatusChip status={s.status} />
        </Stack>
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {s.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {humanize(s.type)} · {s.location.city}, {s.location.country}
        </Typography>
      </CardActionArea>
    </Card>
  );
});

/** The store list on phones: one card per store, pages below. */
export function StoreCardList({
  rows,
  total,
  totalIsEstimate = false,
  page,
  pageSize,
  selectable,
  selection,
  onSelectionChange,
  onPageChange,
}: {
  rows: Store[];
  total: number;
  /** `total` is the server's estimate (more than 10,000 stores match): shown as "about N". */
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
  selectable: boolean;
  selection: string[];
  onSelectionChange: (ids: string[]) => void;
  onPageChange: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const end = useRef<HTMLDivElement>(null);
  const shown = useProgressiveCount(rows, end);
  // Stable across renders, so that cards already on screen are not rendered again each time
  // the next step of cards (or a selection change elsewhere) renders the list.
  const latest = useRef({ selection, onSelectionChange });
  useEffect(() => {
    latest.current = { selection, onSelectionChange };
  });
  const toggle = useCallback((id: string) => {
    const { selection: current, onSelectionChange: change } = latest.current;
    change(current.includes(id) ? current.filter((s) => s !== id) : [...current, id]);
  }, []);
  return (
    <Stack spacing={1.5}>
      <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Stores">
        {rows.slice(0, shown).map((s) => (
          <StoreCard
            key={s.id}
            store={s}
            selectable={selectable}
            selected={selection.includes(s.id)}
            onToggle={toggle}
          />
        ))}
      </Stack>
      {/* The end of the cards built so far: the next step is built when it nears the screen. */}
      <Box ref={end} aria-hidden sx={{ height: '1px', mt: '-1px !important' }} />
      {pages > 1 ? (
        <Pagination
          count={pages}
          page={page}
          onChange={(_, p) => onPageChange(p)}
          sx={{ alignSelf: 'center' }}
          siblingCount={0}
          aria-label="Store pages"
        />
      ) : null}
      <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center' }}>
        {totalIsEstimate ? 'about ' : ''}
        {formatNumber(total)} stores
      </Typography>
    </Stack>
  );
}
