import type {
  RolloutAction,
  RolloutCounts,
  RolloutItem,
  RolloutStatus,
  RolloutSummary,
} from '@/api/generated/openapi';
import type { RolloutCommand } from '@/features/rollouts/api/rollouts-api';

// What the contract says each rollout command takes (docs/openapi.json, the descriptions of
// POST /api/rollouts/{id}/pause|resume|abort|retry-failed). The service decides; the page only
// enables the buttons it would accept, and shows its refusal when it does not.

// The statuses and actions as this feature's own lists, checked complete against the generated
// types (a Record's keys): the generated value arrays would be kept in the chunk every page
// loads (the generated module is shared by them all).
const STATUS_KEYS: Record<RolloutStatus, true> = {
  running: true,
  paused: true,
  halted: true,
  aborted: true,
  completed: true,
};
export const ROLLOUT_STATUSES = Object.keys(STATUS_KEYS) as RolloutStatus[];
const ACTION_KEYS: Record<RolloutAction, true> = { provision: true, decommission: true };
export const ROLLOUT_ACTIONS = Object.keys(ACTION_KEYS) as [RolloutAction, ...RolloutAction[]];

const ACCEPTS: Record<RolloutCommand, readonly RolloutStatus[]> = {
  pause: ['running'],
  resume: ['paused'],
  abort: ['running', 'paused', 'halted'],
  'retry-failed': ['running', 'paused', 'halted', 'completed'],
};

const REFUSED: Record<RolloutCommand, string> = {
  pause: 'Only a running rollout can be paused.',
  resume: 'Only a paused rollout can be resumed.',
  abort: 'A completed or aborted rollout cannot be aborted.',
  'retry-failed': 'An aborted rollout cannot be retried.',
};

/** Why the command is refused in this state (null when the contract allows it). */
export function commandRefusal(
  r: Pick<RolloutSummary, 'status' | 'counts'>,
  command: RolloutCommand,
): string | null {
  if (!ACCEPTS[command].includes(r.status)) return REFUSED[command];
  if (command === 'retry-failed' && r.counts.failed === 0) return 'No store has failed.';
  return null;
}

/** Whether the rollout can still change by itself (its waves go on). */
export function isFinished(status: RolloutStatus): boolean {
  return status === 'completed' || status === 'aborted';
}

export function totalOf(c: RolloutCounts): number {
  return c.pending + c.running + c.succeeded + c.failed + c.cancelled;
}

/** "6 succeeded, 1 failed, 2 running, 1 pending" — the counts that are not 0, in that order. */
export function countsText(c: RolloutCounts): string {
  const parts = (
    [
      ['succeeded', c.succeeded],
      ['failed', c.failed],
      ['running', c.running],
      ['pending', c.pending],
      ['cancelled', c.cancelled],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} ${label}`);
  return parts.length ? parts.join(', ') : 'no stores';
}

/** "Canary" for wave 1 of a rollout with a canary, else "Wave n". */
export function waveLabel(wave: number, canarySize: number): string {
  return wave === 1 && canarySize > 0 ? 'Canary' : `Wave ${wave}`;
}

/** "2 of 5", the wave running, waiting or last finished. */
export function waveText(r: Pick<RolloutSummary, 'currentWave' | 'waves' | 'canarySize'>): string {
  const canary = r.currentWave === 1 && r.canarySize > 0 ? ' (canary)' : '';
  return `${r.currentWave} of ${r.waves}${canary}`;
}

export interface Wave {
  wave: number;
  label: string;
  items: RolloutItem[];
  counts: RolloutCounts;
}

/** The items by wave, in wave order, each wave's stores in the rollout's order. */
export function groupByWave(items: readonly RolloutItem[], canarySize: number): Wave[] {
  const byWave = new Map<number, RolloutItem[]>();
  for (const item of items) {
    const list = byWave.get(item.wave);
    if (list) list.push(item);
    else byWave.set(item.wave, [item]);
  }
  return [...byWave.entries()]
    .sort(([a], [b]) => a - b)
    .map(([wave, list]) => {
      const counts: RolloutCounts = {
        pending: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        cancelled: 0,
      };
      for (const i of list) counts[i.status] += 1;
      return { wave, label: waveLabel(wave, canarySize), items: list, counts };
    });
}

/**
 * How many waves a rollout of `stores` makes: the canary (when above 0), then waves of
 * `batchSize` — the same split the service makes (docs/openapi.json, createRollout).
 */
export function plannedWaves(stores: number, canarySize: number, batchSize: number): number {
  if (stores <= 0 || batchSize <= 0) return 0;
  const canary = Math.min(canarySize, stores);
  return (canary > 0 ? 1 : 0) + Math.ceil((stores - canary) / batchSize);
}
