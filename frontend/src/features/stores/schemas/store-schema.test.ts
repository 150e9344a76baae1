import { describe, expect, it } from 'vitest';

import {
  cidrError,
  isCalendarDate,
  isTimeZone,
  makeStoreFormSchema,
  storeCodeRegExp,
} from '@/features/stores/schemas/store-schema';
import { emptyStoreForm } from '@/features/stores/utils/store-form-mapping';

const DEFAULT_RULE = {
  pattern: '^[A-Z0-9]{2,6}-[0-9]{3,6}$',
  hint: '2-6 upper-case letters or digits, a hyphen and 3-6 digits, e.g. NYC-0042',
};
const storeFormSchema = makeStoreFormSchema(DEFAULT_RULE);

describe('store code rule', () => {
  const codeIssues = (rule: typeof DEFAULT_RULE | undefined, code: string, kept?: string) => {
    const v = emptyStoreForm();
    v.code = code;
    const r = makeStoreFormSchema(rule, kept).safeParse(v);
    return r.success ? [] : r.error.issues.filter((i) => i.path.join('.') === 'code');
  };
  it('matches the whole code, as the server does', () => {
    const re = storeCodeRegExp('[0-9]{4}|[A-Z]{2}-[A-Z]{3}-[0-9]{3}')!;
    expect(re.test('1234')).toBe(true);
    expect(re.test('UK-LON-001')).toBe(true);
    expect(re.test('12345')).toBe(false);
    expect(re.test('x1234')).toBe(false);
    expect(storeCodeRegExp('[A-Z')).toBeNull();
  });
  it('reports a mismatch with the served hint', () => {
    const rule = { pattern: '[0-9]{4}', hint: 'four digits' };
    expect(codeIssues(rule, '1234')).toEqual([]);
    expect(codeIssues(rule, 'NYC-0042').map((i) => i.message)).toEqual(['Must be four digits']);
    expect(codeIssues(DEFAULT_RULE, 'NYC-0042')).toEqual([]);
    expect(codeIssues(DEFAULT_RULE, '1234')).toHaveLength(1);
  });
  it('keeps an unchanged code valid under a newer pattern, like the server', () => {
    const rule = { pattern: '[0-9]{4}', hint: 'four digits' };
    expect(codeIssues(rule, 'NYC-0042', 'NYC-0042')).toEqual([]);
    expect(codeIssues(rule, 'NYC-0043', 'NYC-0042')).toHaveLength(1);
  });
  it('checks presence and length only until the settings arrive, or when unreadable', () => {
    expect(codeIssues(undefined, 'anything')).toEqual([]);
    expect(codeIssues({ pattern: '[A-Z', hint: 'x' }, 'anything')).toEqual([]);
    expect(codeIssues(undefined, '').map((i) => i.message)).toEqual(['Required']);
    expect(codeIssues(undefined, 'A'.repeat(33))).toHaveLength(1);
  });
});

describe('store schema', () => {
  it('validates CIDR networks like the server', () => {
    expect(cidrError('10.20.0.0/24')).toBeNull();
    expect(cidrError('10.20.0.1/24')).toMatch(/Host bits/);
    expect(cidrError('10.20.0.0/8')).toMatch(/16–30/);
    expect(cidrError('300.1.1.0/24')).toMatch(/0–255/);
    expect(cidrError('nope')).toMatch(/a\.b\.c\.d/);
  });
  it('knows real dates and time zones', () => {
    expect(isCalendarDate('2027-02-28')).toBe(true);
    expect(isCalendarDate('2027-02-30')).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
  it('reports every invalid field at once', () => {
    const v = emptyStoreForm();
    v.code = 'nyc42';
    v.tags = ['ok', 'ok', 'Bad!'];
    v.networkPlan = [
      { purpose: 'pos', vlanId: '10', cidr: '' },
      { purpose: 'pos', vlanId: '10', cidr: '' },
    ];
    v.hardwareEnabled.router = true;
    const r = storeFormSchema.safeParse(v);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['code', 'name', 'location.country', 'tags.2', 'tags']),
    );
  });
  it('accepts a complete store', () => {
    const v = emptyStoreForm();
    Object.assign(v, { code: 'NYC-0042', name: 'N' });
    Object.assign(v.location, {
      address: 'a',
      city: 'c',
      region: 'r',
      country: 'US',
      postalCode: '10001',
      timezone: 'America/New_York',
    });
    v.networkPlan = [
      { purpose: 'pos', vlanId: '10', cidr: '10.0.0.0/24' },
      { purpose: 'guest', vlanId: '10', cidr: '' },
    ];
    v.hardwareEnabled.router = true;
    const r = storeFormSchema.safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'networkPlan.1.vlanId',
      'hardwarePlan.router',
    ]);
    v.networkPlan[1].vlanId = '30';
    v.hardwarePlan.router = '1';
    expect(storeFormSchema.safeParse(v).success).toBe(true);
  });
});
