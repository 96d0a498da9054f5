import { defineConfig } from 'vitest/config';
import { E2eSequencer } from './sequencer';

// Browser tests: the global setup starts the whole stack (embedded PostgreSQL, API, web) once on a
// fresh temporary data folder; the tests drive Debian's Chromium against it.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['**/*.e2e.ts'],
    globalSetup: ['./global-setup.ts'],
    // The files share one stack, and the setup flow changes its state; run them one after another.
    fileParallelism: false,
    // setup-flow.e2e.ts first (it creates the administrator the others sign in with), then alphabetical.
    sequence: { sequencer: E2eSequencer },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
