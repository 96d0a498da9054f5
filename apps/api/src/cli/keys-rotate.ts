// `npm run keys:rotate`: a new key-encryption key version; every organisation key re-wrapped under
// it (with --organisation-keys: every organisation key replaced, case keys re-wrapped and blind
// indexes recomputed); every account value re-encrypted; the old KEK version retired from the key
// file. The API keeps answering: it re-reads the key file within seconds, and every value names its
// key version. See docs/operations.md "Keys".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKeyConfiguration } from '@lapata/crypto';
import { createPrismaClient, repoRoot, runCli, withMigrationDatabase } from '@lapata/db';
import { rotateKeys } from '../modules/erasure/key-rotation';

runCli(async () => {
  const { values } = parseArgs({
    options: { 'grace-seconds': { type: 'string', default: '15' }, 'organisation-keys': { type: 'boolean', default: false } },
  });
  const graceSeconds = Number(values['grace-seconds']);
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) throw new Error('--grace-seconds must be a number of seconds');
  const env = { ...process.env };
  const devKeyFile = join(repoRoot, '.data', 'keys.json');
  if (!env.LAPATA_KEY_FILE && !env.LAPATA_MASTER_KEY && existsSync(devKeyFile)) env.LAPATA_KEY_FILE = devKeyFile;
  const { source } = loadKeyConfiguration(env);
  if (source.kind !== 'key-file') throw new Error('Keys come from LAPATA_MASTER_KEY: rotation needs a key file (LAPATA_KEY_FILE)');

  await withMigrationDatabase(async (connectionString) => {
    const prisma = createPrismaClient(connectionString);
    try {
      const result = await rotateKeys(prisma, {
        keyFile: { path: source.path },
        graceMs: graceSeconds * 1000,
        organisationKeys: values['organisation-keys'],
        log: (line) => console.log(line),
      });
      console.log(
        `KEK version ${result.kekVersion} is current: ${result.organisationKeysRewrapped} organisation key(s) re-wrapped, ${result.organisationKeysReplaced} replaced, ${result.accountValuesReencrypted} account value(s) re-encrypted.`,
      );
      console.log('Replace every backup copy of the key file with the new one.');
    } finally {
      await prisma.$disconnect();
    }
  });
});
