import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, expect, vi } from 'vitest';

import { takeViolations } from '@/testing/contract';

// jsdom lacks these browser APIs that MUI, the DataGrid and Recharts use.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
vi.stubGlobal('ResizeObserver', ResizeObserverStub);
// Media queries answer as for a 1280 px wide desktop screen (side menu, data grid).
const SCREEN_WIDTH = 1280;
function matchesWidth(query: string): boolean {
  const min = /min-width:\s*([\d.]+)px/.exec(query);
  const max = /max-width:\s*([\d.]+)px/.exec(query);
  if (!min && !max) return false;
  return (!min || SCREEN_WIDTH >= Number(min[1])) && (!max || SCREEN_WIDTH <= Number(max[1]));
}
if (!window.matchMedia) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: matchesWidth(query),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }));
}
if (!URL.createObjectURL) {
  URL.createObjectURL = () => 'blob:test';
  URL.revokeObjectURL = () => undefined;
}

// Generous: a loaded 2-core CI machine renders the first data grid of a file slowly (the store
// list's tests took 14-35 s each in a full `make test` with coverage, and one wait for the first
// row ran out at 20 s). Nothing here measures speed (performance lives in bench/ and
// Lighthouse); each test still has its 60 s (vitest.config.ts).
configure({ asyncUtilTimeout: 40000 });

afterEach(() => {
  cleanup();
  // A request or response of the fake API that docs/openapi.json does not allow.
  expect(takeViolations()).toEqual([]);
  window.localStorage.clear();
  window.sessionStorage.clear();
});
