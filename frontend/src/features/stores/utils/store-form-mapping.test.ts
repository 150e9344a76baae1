import { describe, expect, it } from 'vitest';

import {
  conflictDiff,
  fieldLabel,
  formatSegments,
  formToInput,
  mergePatch,
  storeToForm,
} from '@/features/stores/utils/store-form-mapping';
import { makeStore } from '@/testing/fake-api';

describe('store form mapping', () => {
  it('round-trips a store through the form', () => {
    const s = makeStore({ contact: { manager: '', email: '', phone: '' } });
    const input = formToInput(storeToForm(s));
    // The document types contact members as strings: blanks are sent as empty strings, never null.
    expect(input.contact).toEqual({ manager: '', email: '', phone: '' });
    expect(input.hardwarePlan).toEqual(s.hardwarePlan);
    expect(input.networkPlan).toEqual(s.networkPlan);
    expect(mergePatch(input, formToInput(storeToForm(s)))).toEqual({});
  });
  it('builds a merge patch of the changes only', () => {
    expect(
      mergePatch(
        {
          name: 'a',
          location: { city: 'x', region: 'y' },
          tags: ['a'],
          hardwarePlan: { router: 1 },
        },
        { name: 'a', location: { city: 'z', region: 'y' }, tags: ['a', 'b'], hardwarePlan: {} },
      ),
    ).toEqual({ location: { city: 'z' }, tags: ['a', 'b'], hardwarePlan: { router: null } });
  });
  it('lists conflicting fields with who changed them', () => {
    const base = formToInput(storeToForm(makeStore()));
    const theirs = { ...base, name: 'theirs', location: { ...base.location, city: 'Boston' } };
    const mine = { ...base, name: 'mine' };
    const diff = conflictDiff(base, theirs, mine);
    expect(diff.map((d) => [d.field, d.changedByThem, d.changedByMe])).toEqual([
      ['name', true, true],
      ['location.city', true, false],
    ]);
    expect(fieldLabel('location.city')).toBe('City');
    expect(fieldLabel('hardwarePlan.pos_terminal')).toBe('Hardware: pos terminal');
    expect(formatSegments([{ purpose: 'pos', vlanId: null, cidr: null }])).toBe(
      'pos VLAN auto auto',
    );
  });
});
