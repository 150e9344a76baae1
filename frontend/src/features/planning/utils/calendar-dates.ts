// Calendar arithmetic on ISO dates (YYYY-MM-DD), the form the API speaks. Every computation
// is done in UTC so that no time zone or daylight-saving change moves a day; only "today" is
// the user's own date.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type CalendarView = 'month' | 'week';

/** The weekday headings, Monday first. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `value` when it is a real calendar date YYYY-MM-DD, else null (a hand-edited URL). */
export function parseIsoDate(value: string | null | undefined): string | null {
  const m = value ? ISO_DATE.exec(value) : null;
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number(m[1]) >= 1 && fromUtc(ms) === value ? value : null;
}

/** The user's own date today. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(toUtc(date)).getUTCDay() + 6) % 7;
}

/** The Monday of the date's week. */
export function startOfWeek(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** The first day of the month `months` after the date's month. */
export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number);
  return fromUtc(Date.UTC(y!, m! - 1 + months, 1));
}

export function endOfMonth(date: string): string {
  return addDays(addMonths(date, 1), -1);
}

export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = toUtc(from), end = toUtc(to); t <= end; t += DAY_MS) days.push(fromUtc(t));
  return days;
}

export interface CalendarRange {
  /** The first and last day shown (whole weeks, Monday to Sunday). */
  from: string;
  to: string;
  /** The shown days, by week. */
  weeks: string[][];
}

/**
 * The days a view shows for `date`: its month in whole weeks (the neighbouring months' days
 * that complete the first and last week included: at most 42 days), or its week.
 */
export function viewRange(view: CalendarView, date: string): CalendarRange {
  const from = view === 'month' ? startOfWeek(startOfMonth(date)) : startOfWeek(date);
  const to = view === 'month' ? addDays(startOfWeek(endOfMonth(date)), 6) : addDays(from, 6);
  const days = daysFrom(from, to);
  const weeks: string[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return { from, to, weeks };
}

/** The date the previous (-1) or next (+1) page of the view starts on. */
export function stepDate(view: CalendarView, date: string, step: -1 | 1): string {
  return view === 'month' ? addMonths(date, step) : startOfWeek(addDays(date, 7 * step));
}

const monthFormat = new Intl.DateTimeFormat('en', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dayFormat = new Intl.DateTimeFormat('en', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDayFormat = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

const asDate = (date: string) => new Date(toUtc(date));

/** "March 2027". */
export function monthTitle(date: string): string {
  return monthFormat.format(asDate(date));
}

/** "Monday, March 1, 2027": a day's full name, for screen readers and the agenda. */
export function dayTitle(date: string): string {
  return dayFormat.format(asDate(date));
}

/** The view's heading: "March 2027", or the week's "Mar 1 – Mar 7, 2027". */
export function viewTitle(view: CalendarView, date: string): string {
  if (view === 'month') return monthTitle(date);
  const from = startOfWeek(date);
  const to = addDays(from, 6);
  return `${shortDayFormat.format(asDate(from))} – ${shortDayFormat.format(asDate(to))}, ${to.slice(0, 4)}`;
}
