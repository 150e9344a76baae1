import {
  hardwareKindValues,
  type HardwareKind,
  type HardwarePlan,
  type NetworkPlanSegment,
  type SegmentPurpose,
  type Store,
  type StoreCreate,
} from '@/api/generated/openapi';
import type { StoreFormValues } from '@/features/stores/schemas/store-schema';

export function emptyStoreForm(): StoreFormValues {
  const hardwarePlan = Object.fromEntries(hardwareKindValues.map((k) => [k, ''])) as Record<
    HardwareKind,
    string
  >;
  const hardwareEnabled = Object.fromEntries(hardwareKindValues.map((k) => [k, false])) as Record<
    HardwareKind,
    boolean
  >;
  return {
    code: '',
    name: '',
    type: 'standard',
    location: {
      address: '',
      city: '',
      region: '',
      country: '',
      postalCode: '',
      timezone: '',
      latitude: '',
      longitude: '',
    },
    openingDate: '',
    contact: { manager: '', email: '', phone: '' },
    tags: [],
    notes: '',
    hardwareEnabled,
    hardwarePlan,
    networkPlan: [
      { purpose: 'pos', vlanId: '', cidr: '' },
      { purpose: 'corporate', vlanId: '', cidr: '' },
      { purpose: 'guest', vlanId: '', cidr: '' },
    ],
  };
}

const numStr = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

type PlanForm = Pick<StoreFormValues, 'hardwareEnabled' | 'hardwarePlan' | 'networkPlan'>;

/** A store's or a template's plans as form values (a template's segments have no cidr). */
export function plansToForm(s: {
  hardwarePlan?: HardwarePlan;
  networkPlan?: { purpose: SegmentPurpose; vlanId?: number | null; cidr?: string | null }[];
}): PlanForm {
  const { hardwareEnabled, hardwarePlan } = emptyStoreForm();
  for (const k of hardwareKindValues) {
    const q = s.hardwarePlan?.[k];
    hardwareEnabled[k] = q !== undefined && q !== null;
    hardwarePlan[k] = numStr(q);
  }
  const networkPlan = (s.networkPlan ?? []).map((seg) => ({
    purpose: seg.purpose,
    vlanId: numStr(seg.vlanId),
    cidr: seg.cidr ?? '',
  }));
  return { hardwareEnabled, hardwarePlan, networkPlan };
}

/** The plans of the form as the API takes them (blank VLAN ids and subnets become null). */
export function formToPlans(v: PlanForm): {
  hardwarePlan: HardwarePlan;
  networkPlan: NetworkPlanSegment[];
} {
  const hardwarePlan: Partial<Record<HardwareKind, number>> = {};
  for (const k of hardwareKindValues) {
    if (v.hardwareEnabled[k] && v.hardwarePlan[k].trim() !== '')
      hardwarePlan[k] = Number(v.hardwarePlan[k]);
  }
  const networkPlan: NetworkPlanSegment[] = v.networkPlan.map((s) => ({
    purpose: s.purpose,
    vlanId: s.vlanId.trim() === '' ? null : Number(s.vlanId),
    cidr: orNull(s.cidr),
  }));
  return { hardwarePlan, networkPlan };
}

export function storeToForm(s: Store | StoreCreate): StoreFormValues {
  return {
    ...emptyStoreForm(),
    ...plansToForm(s),
    code: s.code,
    name: s.name,
    type: s.type,
    location: {
      address: s.location.address ?? '',
      city: s.location.city ?? '',
      region: s.location.region ?? '',
      country: s.location.country ?? '',
      postalCode: s.location.postalCode ?? '',
      timezone: s.location.timezone ?? '',
      latitude: numStr(s.location.latitude),
      longitude: numStr(s.location.longitude),
    },
    openingDate: s.openingDate ?? '',
    contact: {
      manager: s.contact?.manager ?? '',
      email: s.contact?.email ?? '',
      phone: s.contact?.phone ?? '',
    },
    tags: [...(s.tags ?? [])],
    notes: s.notes ?? '',
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** Every member present, so the wizard's review shows the whole document. */
export type FullStoreCreate = Required<StoreCreate>;

/** The API document for the form; optional blanks become null (contact fields: empty). */
export function formToInput(v: StoreFormValues): FullStoreCreate {
  const { hardwarePlan, networkPlan } = formToPlans(v);
  const lat = v.location.latitude.trim();
  const lon = v.location.longitude.trim();
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    type: v.type,
    location: {
      address: v.location.address.trim(),
      city: v.location.city.trim(),
      region: v.location.region.trim(),
      country: v.location.country.trim(),
      postalCode: v.location.postalCode.trim(),
      timezone: v.location.timezone.trim(),
      latitude: lat === '' ? null : Number(lat),
      longitude: lon === '' ? null : Number(lon),
    },
    openingDate: orNull(v.openingDate),
    contact: {
      manager: v.contact.manager.trim(),
      email: v.contact.email.trim(),
      phone: v.contact.phone.trim(),
    },
    tags: v.tags,
    notes: v.notes,
    hardwarePlan,
    networkPlan,
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** RFC 7396 merge patch turning `before` into `after` (arrays are replaced whole). */
export function mergePatch(before: unknown, after: unknown): Record<string, Json> {
  const patch: Record<string, Json> = {};
  if (!isObject(before) || !isObject(after)) return patch;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of keys) {
    const b = before[k];
    const a = after[k];
    if (a === undefined) {
      if (b !== undefined && b !== null) patch[k] = null;
    } else if (isObject(a) && isObject(b)) {
      const sub = mergePatch(b, a);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (!jsonEqual(a, b)) {
      patch[k] = a;
    }
  }
  return patch;
}

/** Flattens to `path → value` (arrays are one value) for field-by-field comparison. */
export function flatten(v: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isObject(v)) {
    for (const [k, val] of Object.entries(v)) {
      Object.assign(out, flatten(val, prefix ? `${prefix}.${k}` : k));
    }
  } else {
    out[prefix] = v;
  }
  return out;
}

export const FIELD_LABELS: Record<string, string> = {
  code: 'Code',
  name: 'Name',
  type: 'Type',
  'location.address': 'Address',
  'location.city': 'City',
  'location.region': 'Region',
  'location.country': 'Country',
  'location.postalCode': 'Postal code',
  'location.timezone': 'Time zone',
  'location.latitude': 'Latitude',
  'location.longitude': 'Longitude',
  openingDate: 'Opening date',
  'contact.manager': 'Manager',
  'contact.email': 'E-mail',
  'contact.phone': 'Phone',
  tags: 'Tags',
  notes: 'Notes',
  networkPlan: 'Network plan',
};

export function fieldLabel(path: string): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path];
  if (path.startsWith('hardwarePlan.')) return `Hardware: ${path.slice(13).replace('_', ' ')}`;
  return path;
}

export interface FieldDiff {
  field: string;
  label: string;
  base: unknown;
  theirs: unknown;
  mine: unknown;
  changedByThem: boolean;
  changedByMe: boolean;
}

/** A field both sides changed, to different values: the user picks one. */
export function bothChanged(d: FieldDiff): boolean {
  return d.changedByMe && d.changedByThem;
}

/** The inverse of `flatten`: `{'location.city': 'X'}` → `{location: {city: 'X'}}`. */
export function unflatten(flat: Record<string, unknown>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) {
      if (!isObject(at[k])) at[k] = {};
      at = at[k] as Record<string, Json>;
    }
    at[keys[keys.length - 1]!] = value as Json;
  }
  return out;
}

/**
 * The three-way merge of a conflict: their version, plus every field only the user changed,
 * plus the user's value where both changed and `picks` says "mine". Fields only they changed,
 * and fields the user never touched, keep theirs. Returns the merge patch from their version
 * (what to send with their version's If-Match).
 */
export function mergeConflict(
  theirs: StoreCreate,
  diffs: FieldDiff[],
  picks: Record<string, 'mine' | 'theirs'>,
): Record<string, Json> {
  const merged = flatten(theirs);
  for (const d of diffs) {
    if (d.changedByMe && (!d.changedByThem || picks[d.field] === 'mine')) merged[d.field] = d.mine;
  }
  return mergePatch(theirs, unflatten(merged));
}

/** Fields where the server's current version and the user's edit differ. */
export function conflictDiff(
  base: StoreCreate,
  theirs: StoreCreate,
  mine: StoreCreate,
): FieldDiff[] {
  const fb = flatten(base);
  const ft = flatten(theirs);
  const fm = flatten(mine);
  const keys = [...new Set([...Object.keys(ft), ...Object.keys(fm)])];
  return keys
    .filter((k) => !jsonEqual(ft[k] ?? null, fm[k] ?? null))
    .map((k) => ({
      field: k,
      label: fieldLabel(k),
      base: fb[k] ?? null,
      theirs: ft[k] ?? null,
      mine: fm[k] ?? null,
      changedByThem: !jsonEqual(ft[k] ?? null, fb[k] ?? null),
      changedByMe: !jsonEqual(fm[k] ?? null, fb[k] ?? null),
    }));
}

export function formatSegments(v: unknown): string {
  if (!Array.isArray(v)) return '—';
  if (v.length === 0) return 'none';
  return v
    .map((s: NetworkPlanSegment) => `${s.purpose} VLAN ${s.vlanId ?? 'auto'} ${s.cidr ?? 'auto'}`)
    .join('; ');
}
