import { describe, expect, it } from 'vitest';

import {
  formField,
  formToRollout,
  initialRolloutForm,
  rolloutFormSchema,
} from '@/features/rollouts/schemas/rollout-form-schema';

describe('new-rollout form', () => {
  it('starts from the contract defaults, or all at once for a selection', () => {
    const blank = initialRolloutForm();
    expect([blank.canarySize, blank.batchSize, blank.waitSeconds, blank.maxFailurePercent]).toEqual(
      ['1', '10', '0', '0'],
    );
    const draft = initialRolloutForm({
      action: 'provision',
      stores: [
        { id: 'a', label: 'A-001' },
        { id: 'b', label: 'B-001' },
      ],
    });
    expect(draft).toMatchObject({ name: 'Provision 2 stores', canarySize: '0', batchSize: '2' });
  });

  it('sends the stores by id or by filter, never both, and no pause without a canary', () => {
    const v = {
      ...initialRolloutForm(),
      name: ' North ',
      stores: [{ id: 'a', label: 'A' }],
      canarySize: '0',
      pauseAfterCanary: true,
    };
    expect(formToRollout(v)).toEqual({
      name: 'North',
      action: 'provision',
      storeIds: ['a'],
      canarySize: 0,
      batchSize: 10,
      waitSeconds: 0,
      pauseAfterCanary: false,
      maxFailurePercent: 0,
    });
    const byFilter = formToRollout({
      ...v,
      selection: 'filter',
      filter: { ...v.filter, status: 'draft', region: ' NY ' },
    });
    expect(byFilter).toMatchObject({ filter: { status: 'draft', region: 'NY' } });
    expect(byFilter).not.toHaveProperty('storeIds');
  });

  it('checks the ranges of the contract and that stores are picked', () => {
    const r = rolloutFormSchema.safeParse({
      ...initialRolloutForm(),
      name: '',
      canarySize: '101',
      batchSize: '0',
      waitSeconds: 'x',
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'canarySize', 'batchSize', 'waitSeconds', 'stores']),
    );
    const everyStore = rolloutFormSchema.safeParse({
      ...initialRolloutForm(),
      name: 'All',
      selection: 'filter',
    });
    expect(everyStore.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['filter.q', 'Set at least one filter'],
    ]);
    expect(formField('storeIds[3]')).toBe('stores');
    expect(formField('filter.region')).toBe('filter.region');
  });
});
