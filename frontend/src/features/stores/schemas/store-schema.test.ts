import { describe, expect, it } from 'vitest';

import {
  cidrError,
  isCalendarDate,
  isTimeZone,
  storeFormSchema,
} from '@/features/stores/schemas/store-schema';
import { emptyStoreForm } from '@/features/stores/utils/store-form-mapping';

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
