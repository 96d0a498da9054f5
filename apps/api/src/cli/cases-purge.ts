// `npm run cases:purge`: removes for good every deleted case whose restore window has passed and
// crypto-shreds it (modules/erasure/case-purge.ts). Run it as the operator, with the owner's
// database connection (DATABASE_MIGRATION_URL) and a key file it may write; then destroy every
// other copy of the key file that still holds the retired KEK version and take a fresh backup.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaClient, repoRoot, runCli, withMigrationDatabase } from '@lapata/db';
import { AppConfig } from '../config/app-config';
import { purgeDueCases } from '../modules/erasure/case-purge';
import { createBlobStore } from '../modules/storage/storage.module';

runCli(async () => {
  const { values } = parseArgs({ options: { 'grace-seconds': { type: 'string', default: '15' } } });
  const graceSeconds = Number(values['grace-seconds']);
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) throw new Error('--grace-seconds must be a number of seconds');
  const env = { ...process.env };
  const devKeyFile = join(repoRoot, '.data', 'keys.json');
  if (!env.LAPATA_KEY_FILE && !env.LAPATA_MASTER_KEY && existsSync(devKeyFile)) env.LAPATA_KEY_FILE = devKeyFile;

  await withMigrationDatabase(async (connectionString) => {
    const config = AppConfig.fromEnv({ ...env, DATABASE_URL: env.DATABASE_URL || connectionString });
    for (const warning of config.keyWarnings) console.warn(`WARNING: ${warning}`);
    const blobs = createBlobStore(config);
    const prisma = createPrismaClient(connectionString);
    try {
      const result = await purgeDueCases(prisma, {
        keyFile: config.keySource.kind === 'key-file' ? { path: config.keySource.path } : null,
        ring: config.keys,
        now: new Date(),
        graceMs: graceSeconds * 1000,
        removeStoredFile: (key) => blobs.delete(key),
        log: (line) => console.log(line),
      });
      if (result.purgedCaseIds.length > 0 && result.shredded) {
        console.log(
          'Now destroy every other copy of the key file that still holds a retired KEK version, then take a fresh database backup: older backups can no longer be read.',
        );
      }
    } finally {
      await prisma.$disconnect();
    }
  });
});
