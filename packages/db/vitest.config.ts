import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'db',
    include: ['src/**/*.spec.ts'],
    globalSetup: ['./src/testing/index.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
