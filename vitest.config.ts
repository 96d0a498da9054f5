import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every workspace's tests. Each workspace keeps its own
// vitest.config.ts (the API needs SWC for decorator metadata; the db and API suites need a
// PostgreSQL server started by a global setup).
export default defineConfig({
  test: {
    projects: [
      'packages/contracts',
      'packages/crypto',
      'packages/db',
      'apps/api',
      'apps/web',
      'apps/web/e2e',
      'scripts',
      'deploy',
    ],
  },
});
