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
          testTimeout: 30_000,
          hookTimeout: 60_000,
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
    ],
  },
});
