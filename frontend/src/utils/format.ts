/** Built on first use: Intl formatters are costly to construct and most pages need one or two. */
function lazily<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const dateTime = lazily(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
);
const dateOnly = lazily(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }),
);
const relative = lazily(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

/** Builds the formatter the first screens use (the activity feed's), ahead of their render. */
export function warmUpFormatters(): void {
  relative();
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime().format(d);
}

export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : dateOnly().format(d);
}

export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return relative().format(Math.round(s), 'second');
  if (abs < 2700) return relative().format(Math.round(s / 60), 'minute');
  if (abs < 79200) return relative().format(Math.round(s / 3600), 'hour');
  return relative().format(Math.round(s / 86400), 'day');
}

/** `pos_terminal` → `POS terminal`, `decommissioning` → `Decommissioning`. */
export function humanize(value: string): string {
  const words = value.replace(/[._]/g, ' ').trim();
  const fixed = words.replace(/\bpos\b/gi, 'POS').replace(/\biot\b/gi, 'IoT');
  return fixed.charAt(0).toUpperCase() + fixed.slice(1);
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ') || '—';
  return JSON.stringify(v);
}

/**
 * A count with thousands separators, `12345` → `12,345` (the dashboard's language is English).
 * Written out rather than with Intl.NumberFormat, whose first construction loads locale data
 * for ~15 ms — a long task on a phone, for a comma.
 */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A page control's "1–20 of 1,234", or "of about 1,234" when the count is the server's estimate
 * (`totalIsEstimate`: more than 10,000 rows match, docs/api.md). For TablePagination's
 * `labelDisplayedRows` and the data grid's `paginationDisplayedRows`.
 */
export function pageRangeLabel(estimate: boolean) {
  return ({ from, to, count }: { from: number; to: number; count: number }) =>
    `${formatNumber(from)}–${formatNumber(to)} of ${estimate ? 'about ' : ''}${formatNumber(count)}`;
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  const pct = ratio <= 1 ? ratio * 100 : ratio;
  return `${pct.toFixed(pct < 10 ? 1 : 0)} %`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return `${ms < 10 ? ms.toFixed(2) : Math.round(ms)} ms`;
}
