import { z } from 'zod';

// Zod compiles parsers with `new Function` when it may; the service's Content-Security-Policy
// has no 'unsafe-eval', so its probe would be reported as a CSP violation in the console.
z.config({ jitless: true });

// Build-time configuration, validated once at start-up (every problem reported at once).
const EnvSchema = z.object({
  API_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || /^https?:\/\//.test(v), 'must be empty or an http(s) URL'),
  WS_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || /^wss?:\/\//.test(v), 'must be empty or a ws(s) URL'),
  APP_NAME: z.string().min(1).default('Store Platform'),
  /** Refresh the access token this many seconds before it expires. */
  TOKEN_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  LIST_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(raw: Record<string, unknown>): Env {
  const values = Object.fromEntries(
    Object.entries(raw)
      .filter(([k]) => k.startsWith('VITE_'))
      .map(([k, v]) => [k.slice('VITE_'.length), v]),
  );
  const result = EnvSchema.safeParse(values);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `VITE_${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const env = parseEnv(import.meta.env);
