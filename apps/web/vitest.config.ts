import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web',
    environment: 'node',
    include: ['**/*.spec.ts', '**/*.spec.tsx'],
    // Browser tests under e2e/ run in their own project against the whole stack.
    exclude: ['e2e/**', 'node_modules/**', '.next/**'],
  },
});
