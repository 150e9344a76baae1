import {
  storeStatusValues,
  storeTypeValues,
  type RolloutCreate,
  type StoreStatus,
  type StoreType,
} from '@/api/generated/openapi';
import { filterParams } from '@/features/rollouts/api/rollouts-api';
import { ROLLOUT_ACTIONS } from '@/features/rollouts/utils/rollout-rules';
import { z } from '@/lib/zod';

// The new-rollout form (docs/openapi.json `RolloutCreate`): a name, an action, the stores (ids
// picked or selected on the store list, or the store list's filters) and the waves. The numbers
// are kept as typed (text) and checked against the contract's ranges; the service's 422 field
// errors land on the same names (`name`, `canarySize`, `storeIds` → `stores`, `filter.region`).

/** The most stores in a rollout (RolloutCreate.storeIds' maxItems, and the filter's cap). */
export const MAX_STORES = 1000;

const whole = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${label}: a whole number`)
    .refine((v) => Number(v) >= min && Number(v) <= max, `${label}: from ${min} to ${max}`);

const optional = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

export const rolloutFormSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the rollout')
      .max(120, 'At most 120 characters')
      // RolloutName: no control characters.
      .refine((v) => ![...v].some((c) => c < ' ' || c === '\x7f'), 'No control characters'),
    action: z.enum(ROLLOUT_ACTIONS),
    selection: z.enum(['ids', 'filter']),
    stores: z.array(z.object({ id: z.string(), label: z.string() })),
    filter: z.object({
      // "" for any (z.literal would add a zod class to the validation chunk other pages load).
      status: z.enum([...storeStatusValues, ''] as readonly (StoreStatus | '')[]),
      type: z.enum([...storeTypeValues, ''] as readonly (StoreType | '')[]),
      region: optional(200),
      country: optional(200),
      tag: optional(200),
      q: optional(200),
    }),
    canarySize: whole('Canary size', 0, 100),
    batchSize: whole('Batch size', 1, MAX_STORES),
    waitSeconds: whole('Wait', 0, 86400),
    pauseAfterCanary: z.boolean(),
    maxFailurePercent: whole('Failure limit', 0, 100),
  })
  .superRefine((v, ctx) => {
    if (v.selection === 'ids' && v.stores.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['stores'], message: 'Pick at least one store' });
    }
    // An empty filter selects every store (up to 1,000): too easy a mistake to allow by default.
    if (v.selection === 'filter' && Object.values(v.filter).every((x) => x === '')) {
      ctx.addIssue({ code: 'custom', path: ['filter', 'q'], message: 'Set at least one filter' });
    }
    if (v.selection === 'ids' && v.stores.length > MAX_STORES) {
      ctx.addIssue({
        code: 'custom',
        path: ['stores'],
        message: `At most ${MAX_STORES} stores in a rollout`,
      });
    }
  });

export type RolloutFormValues = z.infer<typeof rolloutFormSchema>;

export interface RolloutDraft {
  action: RolloutCreate['action'];
  /** The stores selected on the store list, with their codes to show. */
  stores: { id: string; label: string }[];
}

/**
 * The form's first values: the contract's defaults (a canary of 1, batches of 10, no wait, halt
 * on the first failure); for a selection from the store list, all at once (no canary, one
 * batch of the whole selection), which the user may split into waves.
 */
export function initialRolloutForm(draft?: RolloutDraft): RolloutFormValues {
  const n = draft?.stores.length ?? 0;
  return {
    name: draft
      ? `${draft.action === 'decommission' ? 'Decommission' : 'Provision'} ${n} stores`
      : '',
    action: draft?.action ?? 'provision',
    selection: 'ids',
    stores: draft?.stores ?? [],
    filter: { status: '', type: '', region: '', country: '', tag: '', q: '' },
    canarySize: draft ? '0' : '1',
    batchSize: String(draft ? Math.min(Math.max(n, 1), MAX_STORES) : 10),
    waitSeconds: '0',
    pauseAfterCanary: false,
    maxFailurePercent: '0',
  };
}

/** The request the form makes: the stores by id or by filter, never both. */
export function formToRollout(v: RolloutFormValues): RolloutCreate {
  return {
    name: v.name.trim(),
    action: v.action,
    ...(v.selection === 'ids'
      ? { storeIds: v.stores.map((s) => s.id) }
      : { filter: filterParams(v.filter) }),
    canarySize: Number(v.canarySize),
    batchSize: Number(v.batchSize),
    waitSeconds: Number(v.waitSeconds),
    pauseAfterCanary: Number(v.canarySize) > 0 && v.pauseAfterCanary,
    maxFailurePercent: Number(v.maxFailurePercent),
  };
}

/** A field of the service's 422 as the form names it (`storeIds[3]` is the stores field). */
export function formField(field: string): string {
  if (field === 'storeIds' || field.startsWith('storeIds[')) return 'stores';
  return field;
}

/** The form's fields that show an error of their own. */
export const FORM_FIELDS = new Set([
  'name',
  'action',
  'stores',
  'filter.status',
  'filter.type',
  'filter.region',
  'filter.country',
  'filter.tag',
  'filter.q',
  'canarySize',
  'batchSize',
  'waitSeconds',
  'maxFailurePercent',
]);
