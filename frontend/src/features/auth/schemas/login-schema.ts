import { LOGIN_MESSAGES } from '@/features/auth/login-text';
import { z } from '@/lib/zod';

export const loginSchema = z.object({
  username: z.string().trim().min(1, LOGIN_MESSAGES.username),
  password: z.string().min(1, LOGIN_MESSAGES.password),
  rememberMe: z.boolean(),
});

export type LoginValues = z.infer<typeof loginSchema>;
