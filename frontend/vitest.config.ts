import { defineConfig, mergeConfig } from 'vitest/config';

import viteConfig from './vite.config';

export default mergeConfig(
  viteConfig({ mode: 'test', command: 'serve' }),
  defineConfig({
    test: {
      globals: true,
      environment: 'jsdom',
      setupFiles: ['./src/testing/setup-tests.ts'],
      include: ['src/**/*.test.{ts,tsx}'],
      css: false,
      testTimeout: 60000,
      pool: 'threads',
      maxWorkers: 2,
      coverage: {
        provider: 'v8',
        include: ['src/**/*.{ts,tsx}'],
        exclude: [
          'src/**/*.test.{ts,tsx}',
          'src/testing/**',
          'src/main.tsx',
          'src/app/start.tsx',
          'src/boot/**',
          'src/**/*.d.ts',
          'src/types/**',
        ],
        reporter: ['text-summary', 'text'],
        thresholds: { lines: 70 },
      },
    },
  }),
);
