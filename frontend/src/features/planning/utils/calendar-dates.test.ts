import { describe, expect, it } from 'vitest';

import {
  addMonths,
  parseIsoDate,
  stepDate,
  todayIso,
  viewRange,
  viewTitle,
} from '@/features/planning/utils/calendar-dates';

describe('calendar dates', () => {
  it('accepts only real dates YYYY-MM-DD', () => {
    expect(parseIsoDate('2027-02-28')).toBe('2027-02-28');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2027-02-29', '2027-13-01', '2027-3-1', 'today', '', null, '0000-01-01'])
      expect(parseIsoDate(bad)).toBeNull();
  });

  it('lays a month out in whole weeks, Monday first (at most 42 days)', () => {
    // March 2027 starts on a Monday and ends on a Wednesday.
    const march = viewRange('month', '2027-03-17');
    expect([march.from, march.to, march.weeks.length]).toEqual(['2027-03-01', '2027-04-04', 5]);
    // August 2027 starts on a Sunday: six weeks.
    const august = viewRange('month', '2027-08-01');
    expect([august.from, august.to, august.weeks.length]).toEqual(['2027-07-26', '2027-09-05', 6]);
    expect(august.weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('moves by month from the first day and by week from the Monday, across years', () => {
    expect(stepDate('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(stepDate('month', '2027-01-15', -1)).toBe('2026-12-01');
    expect(stepDate('week', '2026-12-31', 1)).toBe('2027-01-04');
    expect(stepDate('week', '2027-01-01', -1)).toBe('2026-12-21');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-01');
    expect(viewRange('week', '2027-01-03')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('names the view and gives the user’s own date for today', () => {
    expect(viewTitle('month', '2027-03-17')).toBe('March 2027');
    expect(viewTitle('week', '2027-03-03')).toBe('Mar 1 – Mar 7, 2027');
    expect(todayIso(new Date(2027, 0, 5, 23, 30))).toBe('2027-01-05');
  });
});
