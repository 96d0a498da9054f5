import { defineConfig } from 'vitest/config';
import { E2eSequencer } from './apps/web/e2e/sequencer';

// One `vitest run` at the root runs every workspace's tests. Each workspace keeps its own
// vitest.config.ts (the API needs SWC for decorator metadata; the db and API suites need a
// PostgreSQL server started by a global setup).
export default defineConfig({
  test: {
    // Vitest takes the sequencer from the root config only: the browser tests' setup flow goes first.
    sequence: { sequencer: E2eSequencer },
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
