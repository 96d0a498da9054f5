import { defineConfig } from 'vitest/config';

// Checks of the deployment files (docker-compose.yml, the Dockerfiles, deploy/postgres-init).
export default defineConfig({ test: { name: 'deploy', include: ['*.spec.ts'], testTimeout: 60_000 } });
