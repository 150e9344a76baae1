import { describe, expect, it } from 'vitest';

import { describeShortages } from '@/features/planning/utils/shortages';

describe('shortages in words', () => {
  it('says how many more items of a kind and how many subnets of a purpose', () => {
    expect(
      describeShortages([
        { kind: 'hardware', name: 'printer', missing: 1 },
        { kind: 'pool', name: 'iot', missing: 1 },
      ]),
    ).toBe('1 more printer, 1 IoT subnet');
    expect(
      describeShortages([
        { kind: 'hardware', name: 'pos_terminal', missing: 2 },
        { kind: 'hardware', name: 'switch', missing: 3 },
        { kind: 'pool', name: 'corporate', missing: 2 },
      ]),
    ).toBe('2 more POS terminals, 3 more switches, 2 corporate subnets');
  });
});
