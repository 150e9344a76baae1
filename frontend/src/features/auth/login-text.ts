import { problemMessage, type Problem } from '@/api/problem';

// The words of the sign-in form, shared by the React form (components/login-form.tsx) and the
// pre-rendered login page's script (src/login/sign-in.ts): no React, no Material UI here.

export const LOGIN_MESSAGES = {
  username: 'Enter your username',
  password: 'Enter your password',
} as const;

/** What the form says when the service refused or could not be reached. */
export function loginErrorText(p: Problem): string {
  if (p.status === 401) return 'Wrong username or password.';
  if (p.status === 429) return 'Too many failed attempts. Wait a minute and try again.';
  if (p.status === 0) return 'The server cannot be reached. Check your connection and try again.';
  return problemMessage(p);
}
