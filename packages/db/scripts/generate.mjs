// Runs `prisma generate` offline. The Prisma CLI insists on a schema-engine binary even though
// `generate` never uses it, and cannot download one here; any executable satisfies the check.
// Migrations do not use the binary at all: they run through @prisma/schema-engine-wasm.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };

if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stubDir = join(tmpdir(), 'lapata-prisma-stub');
  const stub = join(stubDir, 'schema-engine');
  if (!existsSync(stub)) {
    mkdirSync(stubDir, { recursive: true });
    writeFileSync(stub, '#!/bin/sh\necho "schema-engine binary not available: use npm run db:migrate" >&2\nexit 1\n');
    chmodSync(stub, 0o755);
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}

const prismaBin = join(dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build/index.js');
const result = spawnSync(process.execPath, [prismaBin, 'generate', '--schema', join(root, 'prisma/schema.prisma')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
