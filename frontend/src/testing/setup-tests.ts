import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, expect, vi } from 'vitest';

import { takeViolations } from '@/testing/contract';
import { matchMediaForWidth } from '@/testing/screen-width';

// jsdom lacks these browser APIs that MUI, the DataGrid and Recharts use.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
vi.stubGlobal('ResizeObserver', ResizeObserverStub);
// Media queries answer as for a 1280 px wide desktop screen (side menu, data grid).
if (!window.matchMedia) {
  vi.stubGlobal('matchMedia', matchMediaForWidth(1280));
}
// What every test starts with: a test that picks another width (asPhone) has it put back.
const desktopMatchMedia = window.matchMedia;
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
  window.matchMedia = desktopMatchMedia;
});
