import { roleValues } from '@/api/generated/openapi';
import { z } from '@/lib/zod';

// docs/api.md "Users": usernames 3–64 of a-z 0-9 . _ -; passwords at least 12 characters.
export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,64}$/, '3–64 characters: a-z, 0-9, dot, underscore or dash'),
  password: z.string().min(12, 'At least 12 characters'),
  role: z.enum(roleValues),
});

export type CreateUserValues = z.infer<typeof createUserSchema>;

export const resetPasswordSchema = z.object({
  password: z.string().min(12, 'At least 12 characters'),
});

export type ResetPasswordValues = z.infer<typeof resetPasswordSchema>;
