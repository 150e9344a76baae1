import { describe, expect, it } from 'vitest';

import { formatNumber, formatPercent, humanize, pageRangeLabel } from '@/utils/format';

describe('formatNumber', () => {
  it('groups thousands with commas', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(-12345)).toBe('-12,345');
    expect(formatNumber(12345.5)).toBe('12,345.5');
  });
  it('shows a dash for no value', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('pageRangeLabel', () => {
  it('says "about" only for an estimated count', () => {
    expect(pageRangeLabel(false)({ from: 1, to: 100, count: 12000 })).toBe('1–100 of 12,000');
    expect(pageRangeLabel(true)({ from: 101, to: 200, count: 1234567 })).toBe(
      '101–200 of about 1,234,567',
    );
  });
});

describe('other formats', () => {
  it('humanizes enum values and percentages', () => {
    expect(humanize('pos_terminal')).toBe('POS terminal');
    expect(formatPercent(0.5)).toBe('50 %');
    expect(formatPercent(0.05)).toBe('5.0 %');
  });
});
