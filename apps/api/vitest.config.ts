import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // esbuild cannot emit decorator metadata, which Nest's dependency injection reads.
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  test: {
    name: 'api',
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    // One PostgreSQL server for the run; each test file clones its own database from it.
    // (This config is loaded as CommonJS, so `require.resolve` rather than `import.meta.resolve`.)
    globalSetup: [require.resolve('@lapata/db/testing')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
