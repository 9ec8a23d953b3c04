import { defineConfig } from 'vitest/config';

const postgres = './test/harness/postgres-global-setup.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.{ts,tsx}'],
          environment: 'node',
          globalSetup: [postgres],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: [postgres],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The extension's adapters, sidebar and background logic, in a DOM (happy-dom).
        test: {
          name: 'extension',
          include: ['extension/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        // The built extension in a real Chromium against a real Peerpost server: one browser at a time.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/e2e/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
