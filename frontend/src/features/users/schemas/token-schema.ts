import { roleValues } from '@/api/generated/openapi';
import { z } from '@/lib/zod';

// docs/api.md "Automation tokens": a name of 1–100 characters, a role, an optional expiry.
export const EXPIRY_DAYS = ['never', '30', '90', '365'] as const;

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the token a name')
    .max(100, 'At most 100 characters')
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'No control characters'),
  role: z.enum(roleValues),
  expiry: z.enum(EXPIRY_DAYS),
});

export type CreateTokenValues = z.infer<typeof createTokenSchema>;

/** The request's expiresAt for a choice: null for "never", else now + that many days. */
export function expiresAtFor(expiry: CreateTokenValues['expiry'], now = Date.now()): string | null {
  return expiry === 'never' ? null : new Date(now + Number(expiry) * 86_400_000).toISOString();
}
