import {
  hardwareKindValues,
  segmentPurposeValues,
  storeTypeValues,
  type HardwareKind,
  type SystemSettings,
} from '@/api/generated/openapi';
import { z } from '@/lib/zod';

// Mirrors the server's validation (docs/api.md "Stores" table) on the form's string values,
// so that mistakes show as they are typed; the server's 422 field errors land on the same
// paths (`location.country`, `networkPlan.1.vlanId`, `hardwarePlan.router`).

/** The chain's store numbering, served by GET /api/system/settings (`stores.code_pattern`). */
export type StoreCodeRule = SystemSettings['storeCode'];
/** Longest code the server takes, whatever the pattern (domain::kMaxStoreCodeLength). */
export const MAX_CODE_LENGTH = 32;

/**
 * The served ECMAScript pattern as a RegExp matching a whole code (as the server's
 * std::regex_match does); null when this browser cannot read it — the server still checks.
 */
export function storeCodeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return null;
  }
}

/**
 * The code field: required, at most 32 characters, and matching the served pattern. Like the
 * server, a code kept as it was (`keptCode`, when editing) is not held to a newer pattern.
 * Before the settings arrive only presence and length are checked here.
 */
function codeSchema(rule: StoreCodeRule | undefined, keptCode: string | undefined) {
  const re = rule ? storeCodeRegExp(rule.pattern) : null;
  return z
    .string()
    .trim()
    .min(1, 'Required')
    .max(MAX_CODE_LENGTH, `At most ${MAX_CODE_LENGTH} characters`)
    .refine((v) => re === null || v === keptCode || re.test(v), `Must be ${rule?.hint ?? ''}`);
}
const POSTAL_RE = /^[A-Za-z0-9 -]{1,20}$/;
const PHONE_RE = /^[0-9 +()-]{5,20}$/;
const TAG_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function isTimeZone(v: string): boolean {
  if (!v || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(v)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/** An IPv4 network `a.b.c.d/n`, n 16–30, with no host bits set. Returns an error or null. */
export function cidrError(v: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(v.trim());
  if (!m) return 'Use a.b.c.d/n, e.g. 10.20.0.0/24';
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return 'Each part of the address is 0–255';
  const n = Number(m[5]);
  if (n < 16 || n > 30) return 'Prefix length must be 16–30';
  const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const hostMask = n === 32 ? 0 : (0xffffffff >>> n) >>> 0;
  if ((addr & hostMask) !== 0) return 'Host bits are set: this is not a network address';
  return null;
}

export const optionalText = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters`);
export const requiredText = (max: number) =>
  z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);

const optionalNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (!Number.isNaN(Number(v)) && Number(v) >= min && Number(v) <= max), {
      message: `${what} must be a number from ${min} to ${max}`,
    });

const quantity = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 100), 'A whole number 0–100');

export const segmentSchema = z.object({
  purpose: z.enum(segmentPurposeValues),
  vlanId: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 4094),
      'VLAN id 1–4094',
    ),
  cidr: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const err = v === '' ? null : cidrError(v);
      if (err) ctx.addIssue({ code: 'custom', message: err });
    }),
});

const hardwareShape = Object.fromEntries(hardwareKindValues.map((k) => [k, quantity])) as Record<
  HardwareKind,
  typeof quantity
>;
const enabledShape = Object.fromEntries(hardwareKindValues.map((k) => [k, z.boolean()])) as Record<
  HardwareKind,
  z.ZodBoolean
>;

export const countrySchema = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, 'Two upper-case letters (ISO 3166-1 alpha-2), e.g. US');

/** Optional (empty), else a real calendar date. */
export const openingDateSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || isCalendarDate(v), 'A real date, YYYY-MM-DD');

/** Tags as the server takes them (docs/openapi.json `Tags`). */
export const tagsSchema = z
  .array(z.string().regex(TAG_RE, 'Tags: 1–32 of a-z 0-9 _ -, starting with a letter or digit'))
  .max(20, 'At most 20 tags')
  .refine((t) => new Set(t).size === t.length, 'Tags must not repeat');

/** The plans of a store or a template form: hardware kinds and quantities, network segments. */
export const planShape = {
  hardwareEnabled: z.object(enabledShape),
  hardwarePlan: z.object(hardwareShape),
  networkPlan: z.array(segmentSchema).max(5, 'At most 5 segments'),
};

interface PlanValues {
  hardwareEnabled: Record<HardwareKind, boolean>;
  hardwarePlan: Record<HardwareKind, string>;
  networkPlan: { purpose: string; vlanId: string }[];
}

/** What the plans' fields cannot say alone: a purpose once, a VLAN id once, a quantity given. */
export function checkPlans(v: PlanValues, ctx: z.RefinementCtx) {
  const purposes = new Map<string, number>();
  const vlans = new Map<string, number>();
  v.networkPlan.forEach((s, i) => {
    if (purposes.has(s.purpose)) {
      ctx.addIssue({
        code: 'custom',
        path: ['networkPlan', i, 'purpose'],
        message: 'Each purpose at most once',
      });
    }
    purposes.set(s.purpose, i);
    const vlan = s.vlanId.trim();
    if (vlan !== '') {
      if (vlans.has(vlan)) {
        ctx.addIssue({
          code: 'custom',
          path: ['networkPlan', i, 'vlanId'],
          message: 'VLAN ids must be unique in the store',
        });
      }
      vlans.set(vlan, i);
    }
  });
  for (const k of hardwareKindValues) {
    if (v.hardwareEnabled[k] && v.hardwarePlan[k].trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['hardwarePlan', k], message: 'Enter a quantity' });
    }
  }
}

/** The store form's schema for the served code rule (see codeSchema for `keptCode`). */
export const makeStoreFormSchema = (rule?: StoreCodeRule, keptCode?: string) =>
  z
    .object({
      code: codeSchema(rule, keptCode),
      name: requiredText(120),
      type: z.enum(storeTypeValues, 'Choose a store type'),
      location: z.object({
        address: requiredText(200),
        city: requiredText(100),
        region: requiredText(100),
        country: countrySchema,
        postalCode: z
          .string()
          .trim()
          .min(1, 'Required')
          .regex(POSTAL_RE, 'Up to 20 letters, digits, spaces or dashes'),
        timezone: z.string().trim().refine(isTimeZone, 'An IANA time zone, e.g. Europe/Berlin'),
        latitude: optionalNumber(-90, 90, 'Latitude'),
        longitude: optionalNumber(-180, 180, 'Longitude'),
      }),
      openingDate: openingDateSchema,
      contact: z.object({
        manager: optionalText(120),
        email: z
          .string()
          .trim()
          .refine((v) => v === '' || EMAIL_RE.test(v), 'A valid e-mail address'),
        phone: z
          .string()
          .trim()
          .refine((v) => v === '' || PHONE_RE.test(v), '5–20 digits, spaces or + ( ) -'),
      }),
      tags: tagsSchema,
      notes: optionalText(2000),
      ...planShape,
    })
    .superRefine((v, ctx) => {
      const { latitude, longitude } = v.location;
      if ((latitude === '') !== (longitude === '')) {
        const path = latitude === '' ? ['location', 'latitude'] : ['location', 'longitude'];
        ctx.addIssue({
          code: 'custom',
          path,
          message: 'Give both latitude and longitude, or neither',
        });
      }
      checkPlans(v, ctx);
    });

export type StoreFormValues = z.infer<ReturnType<typeof makeStoreFormSchema>>;
export type SegmentFormValues = z.infer<typeof segmentSchema>;

/** Form fields per wizard step, for step-wise validation and for jumping to a server error. */
export const STEP_FIELDS = {
  basics: ['code', 'name', 'type', 'location', 'openingDate', 'contact', 'tags', 'notes'],
  hardware: ['hardwareEnabled', 'hardwarePlan'],
  network: ['networkPlan'],
} as const;
