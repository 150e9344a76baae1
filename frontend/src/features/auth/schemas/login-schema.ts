import { z } from '@/lib/zod';

export const loginSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username'),
  password: z.string().min(1, 'Enter your password'),
  rememberMe: z.boolean(),
});

export type LoginValues = z.infer<typeof loginSchema>;
