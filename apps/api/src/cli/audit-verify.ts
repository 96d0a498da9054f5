// `npm run audit:verify`: walks every organisation's audit chain and its signed checkpoints and
// reports the first broken link of each. Exits 1 when anything does not hold.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadKeyConfiguration } from '@lapata/crypto';
import { createPrismaClient, repoRoot, runCli, withMigrationDatabase } from '@lapata/db';
import { verifyAuditTrail } from '../modules/audit/audit-verifier';

runCli(async () => {
  const env = { ...process.env };
  const devKeyFile = join(repoRoot, '.data', 'keys.json');
  if (!env.LAPATA_KEY_FILE && !env.LAPATA_MASTER_KEY && existsSync(devKeyFile)) env.LAPATA_KEY_FILE = devKeyFile;
  const { ring } = loadKeyConfiguration(env);

  await withMigrationDatabase(async (connectionString) => {
    const prisma = createPrismaClient(connectionString);
    try {
      const result = await verifyAuditTrail(prisma, new Map([[ring.auditKeyId, ring.auditPublicKey]]));
      console.log(
        `Checked ${result.events} audit events and ${result.checkpoints} signed checkpoints of ${result.organizations} organisation(s).`,
      );
      for (const found of result.breaks) {
        console.error(`BROKEN: organisation ${found.organizationId}, event ${found.seq}: ${found.reason}`);
      }
      if (result.breaks.length > 0) process.exitCode = 1;
      else console.log('The audit trail holds.');
    } finally {
      await prisma.$disconnect();
    }
  });
});
