// The code of the pre-rendered login page (login.html, served for /login; main.ts runs it): it signs in with
// the service's API, stores the session the way the app reads it (lib/auth-storage.ts), and
// then opens the page the user asked for, which loads the app. No React, no Material UI: the
// form is usable as soon as this small module has arrived. In-app navigations to /login (sign
// out, an expired session) render the React login route instead (app/routes/login.tsx).
import type { Session } from '@/api/generated/openapi';
import { toProblem, type Problem } from '@/api/problem';
import { paths, safeNext } from '@/config/paths';
import { LOGIN_MESSAGES, loginErrorText } from '@/features/auth/login-text';
import { loadSession, saveSession } from '@/lib/auth-storage';

type Field = 'username' | 'password';

/** Where to go once signed in: `?next=` when it is a safe in-app path, else the dashboard. */
export function targetOf(search: string): string {
  const next = safeNext(new URLSearchParams(search).get('next'));
  return next === paths.login.path ? paths.dashboard.getHref() : next;
}

/** The request the form sends, or the messages of the fields that are not filled in. */
export function readForm(values: {
  username: string;
  password: string;
  rememberMe: boolean;
}):
  | { ok: true; body: { username: string; password: string; rememberMe: boolean } }
  | { ok: false; errors: Partial<Record<Field, string>> } {
  const username = values.username.trim();
  const errors: Partial<Record<Field, string>> = {};
  if (!username) errors.username = LOGIN_MESSAGES.username;
  if (!values.password) errors.password = LOGIN_MESSAGES.password;
  if (errors.username || errors.password) return { ok: false, errors };
  return { ok: true, body: { username, password: values.password, rememberMe: values.rememberMe } };
}

/** POST /api/auth/login: the session, or the problem (status 0 when the service is unreachable). */
export async function postLogin(
  body: { username: string; password: string; rememberMe: boolean },
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true; session: Session } | { ok: false; problem: Problem }> {
  let res: Response;
  try {
    res = await fetchFn('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    return { ok: false, problem: toProblem({ status: 'FETCH_ERROR', error: String(e) }) };
  }
  const text = await res.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text
  }
  if (res.ok) return { ok: true, session: data as Session };
  return { ok: false, problem: toProblem({ status: res.status, data }) };
}

/** Wires the page's form (ids as in login.html). */
export function start(doc: Document, win: Window): void {
  const target = targetOf(win.location.search);
  if (loadSession()?.accessToken) {
    win.location.replace(target);
    return;
  }
  const form = doc.getElementById('sign-in') as HTMLFormElement;
  const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
  const formError = doc.getElementById('form-error') as HTMLElement;
  const input = (id: string) => doc.getElementById(id) as HTMLInputElement;
  if (new URLSearchParams(win.location.search).get('next')) {
    (doc.getElementById('next-note') as HTMLElement).hidden = false;
  }

  const setFieldError = (field: Field, message: string | undefined) => {
    const el = input(field);
    const help = doc.getElementById(`${field}-error`) as HTMLElement;
    help.textContent = message ?? '';
    help.hidden = !message;
    el.toggleAttribute('aria-invalid', !!message);
    el.closest('.field')?.classList.toggle('invalid', !!message);
  };
  const showFormError = (message: string | null) => {
    formError.textContent = message ?? '';
    formError.hidden = !message;
  };

  // The app's code, fetched into the HTTP cache (immutable, hashed files) once the user starts
  // on the form: signing in then opens the page without waiting for it.
  let prefetched = false;
  form.addEventListener('focusin', () => {
    if (prefetched) return;
    prefetched = true;
    for (const href of (form.dataset.prefetch ?? '').split(' ').filter(Boolean)) {
      const link = doc.createElement('link');
      link.rel = 'prefetch';
      link.as = 'script';
      link.crossOrigin = 'anonymous';
      link.href = href;
      doc.head.appendChild(link);
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showFormError(null);
    const read = readForm({
      username: input('username').value,
      password: input('password').value,
      rememberMe: input('remember').checked,
    });
    setFieldError('username', read.ok ? undefined : read.errors.username);
    setFieldError('password', read.ok ? undefined : read.errors.password);
    if (!read.ok) {
      input(read.errors.username ? 'username' : 'password').focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Signing in…';
    void postLogin(read.body).then((result) => {
      if (result.ok) {
        const s = result.session;
        saveSession({
          accessToken: s.accessToken,
          refreshToken: s.refreshToken,
          expiresAt: Date.now() + s.expiresIn * 1000,
          user: s.user,
          remember: read.body.rememberMe,
        });
        win.location.replace(target);
        return;
      }
      button.disabled = false;
      button.textContent = 'Sign in';
      const p = result.problem;
      let unmatched = p.errors.length === 0;
      for (const e of p.errors) {
        if (e.field === 'username' || e.field === 'password') setFieldError(e.field, e.message);
        else unmatched = true;
      }
      if (unmatched) showFormError(loginErrorText(p));
    });
  });
}
