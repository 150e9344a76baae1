import type { StoreStatus } from '@/api/generated/openapi';

// The store lifecycle of SPEC.md, as the UI needs it: which actions a status allows.
export type Transition = 'provision' | 'retry' | 'rollback' | 'decommission';
/** What permissions.* name: the transitions, and `rotate` (a store's credentials; no status). */
export type GuardedAction = Transition | 'rotate';

const TRANSITIONS: Record<StoreStatus, Transition[]> = {
  draft: ['provision'],
  provisioning: [],
  active: ['decommission'],
  failed: ['retry', 'rollback'],
  decommissioning: [],
  decommissioned: [],
};

export function allowedTransitions(status: StoreStatus): Transition[] {
  return TRANSITIONS[status] ?? [];
}

export function canDelete(status: StoreStatus): boolean {
  return status === 'draft';
}

export function canEdit(status: StoreStatus): boolean {
  return status !== 'decommissioned';
}

export function isBusy(status: StoreStatus): boolean {
  return status === 'provisioning' || status === 'decommissioning';
}
