import { defineConfig } from 'vitest/config';

// Unit tests (including the orchestration suites with the stand-ins of tests/fixtures/bin) run in
// parallel; integration suites run only when pointed at a real service by an EXASOL_TEST_* variable
// (tests/helpers/service-gate.ts), share those services and therefore run one file at a time.
export default defineConfig({
  test: {
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary', 'json', 'html'],
      thresholds: { lines: 80 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          globalSetup: ['tests/helpers/build-once.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
