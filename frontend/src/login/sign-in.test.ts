import { readFileSync } from 'node:fs';

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { loadSession } from '@/lib/auth-storage';
import { postLogin, readForm, start, targetOf } from '@/login/sign-in';
import { FakeApi } from '@/testing/fake-api';

// vitest runs from frontend/ (the page is not a module: read it as the browser gets it)
const loginHtml = readFileSync('login.html', 'utf8');

// The pre-rendered login page (login.html) and its script, on the fake API. The flow against
// the real service (and the bytes it loads) is in e2e/run.mjs.

function mountPage(search = '') {
  const body = /<body>([\s\S]*)<\/body>/.exec(loginHtml)?.[1] ?? '';
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, '');
  const replace = vi.fn<(url: string) => void>();
  const win = { location: { search, replace } } as unknown as Window;
  start(document, win);
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const submit = () =>
    $<HTMLFormElement>('sign-in').dispatchEvent(new Event('submit', { cancelable: true }));
  return { replace, $, submit };
}

describe('login page script', () => {
  let api: FakeApi;
  beforeEach(() => {
    api = new FakeApi();
    vi.stubGlobal('fetch', api.fetch);
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  test('the target is ?next= when it is a safe in-app path, else the dashboard', () => {
    expect(targetOf('?next=%2Fstores%3Fq%3Dx')).toBe('/stores?q=x');
    expect(targetOf('')).toBe('/');
    expect(targetOf('?next=https%3A%2F%2Fevil.example')).toBe('/');
    expect(targetOf('?next=%2F%2Fevil.example')).toBe('/');
    expect(targetOf('?next=%2Flogin')).toBe('/');
  });

  test('empty fields are reported with the form words, the username is trimmed', () => {
    expect(readForm({ username: ' ', password: '', rememberMe: false })).toEqual({
      ok: false,
      errors: { username: 'Enter your username', password: 'Enter your password' },
    });
    expect(readForm({ username: ' admin ', password: 'pw', rememberMe: true })).toEqual({
      ok: true,
      body: { username: 'admin', password: 'pw', rememberMe: true },
    });
  });

  test('a refused sign-in is a 401 problem; an unreachable service is status 0', async () => {
    const wrong = await postLogin({ username: 'admin', password: 'nope', rememberMe: false });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problem.status).toBe(401);
    const down = await postLogin({ username: 'admin', password: 'x', rememberMe: false }, () =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    expect(down.ok).toBe(false);
    if (!down.ok) expect(down.problem.status).toBe(0);
  });

  test('submitting empty fields shows both messages and sends nothing', () => {
    const { $, submit, replace } = mountPage();
    submit();
    expect($('username-error').textContent).toBe('Enter your username');
    expect($('username-error').hidden).toBe(false);
    expect($('username').getAttribute('aria-invalid')).not.toBeNull();
    expect($('password-error').textContent).toBe('Enter your password');
    expect(api.requests).toHaveLength(0);
    expect(replace).not.toHaveBeenCalled();
  });

  test('a wrong password says so and keeps the user on the form', async () => {
    const { $, submit, replace } = mountPage();
    $<HTMLInputElement>('username').value = 'admin';
    $<HTMLInputElement>('password').value = 'wrong';
    submit();
    await vi.waitFor(() => expect($('form-error').hidden).toBe(false));
    expect($('form-error').textContent).toBe('Wrong username or password.');
    expect($<HTMLButtonElement>('sign-in').querySelector('button')?.disabled).toBe(false);
    expect(replace).not.toHaveBeenCalled();
    expect(loadSession()).toBeNull();
  });

  test('signing in stores the session as the app reads it and opens ?next=', async () => {
    const { $, submit, replace } = mountPage('?next=%2Fstores');
    expect($('next-note').hidden).toBe(false);
    $<HTMLInputElement>('username').value = 'admin';
    $<HTMLInputElement>('password').value = 'correct-password';
    $<HTMLInputElement>('remember').checked = true;
    const before = Date.now();
    submit();
    await vi.waitFor(() => expect(replace).toHaveBeenCalledWith('/stores'));
    const s = loadSession();
    expect(s?.accessToken).toBe(api.accessToken);
    expect(s?.user.username).toBe('admin');
    expect(s?.remember).toBe(true);
    expect(s?.expiresAt).toBeGreaterThan(before);
    expect(localStorage.length).toBe(1); // "remember me": localStorage, not sessionStorage
  });

  test('without "remember me" the session lives in sessionStorage', async () => {
    const { $, submit, replace } = mountPage();
    $<HTMLInputElement>('username').value = 'admin';
    $<HTMLInputElement>('password').value = 'correct-password';
    submit();
    await vi.waitFor(() => expect(replace).toHaveBeenCalledWith('/'));
    expect(sessionStorage.length).toBe(1);
    expect(localStorage.length).toBe(0);
  });

  test('a signed-in visitor goes straight on', async () => {
    const first = mountPage();
    first.$<HTMLInputElement>('username').value = 'admin';
    first.$<HTMLInputElement>('password').value = 'correct-password';
    first.submit();
    await vi.waitFor(() => expect(first.replace).toHaveBeenCalled());
    const again = mountPage('?next=%2Fusers');
    expect(again.replace).toHaveBeenCalledWith('/users');
  });

  test('the first focus on the form prefetches the app once', () => {
    const { $ } = mountPage();
    $('sign-in').dataset.prefetch = '/assets/a.js /assets/b.js';
    $('username').dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    $('password').dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    const links = [...document.head.querySelectorAll('link[rel="prefetch"]')];
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/assets/a.js', '/assets/b.js']);
    links.forEach((l) => l.remove());
  });
});
