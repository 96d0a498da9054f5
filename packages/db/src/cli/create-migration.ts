// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// difference between the existing migrations and prisma/schema.prisma.
import { join } from 'node:path';
import { createMigration, migrationSlug } from '../migrations';
import { migrationsDir } from '../paths';
import { runCli, shownPath } from './database';

runCli(async () => {
  const name = process.argv.slice(2).join(' ');
  if (!name.trim()) {
    console.error('Usage: npm run db:migration -- <name>   e.g. npm run db:migration -- add_hearing_room');
    process.exitCode = 2;
    return;
  }
  migrationSlug(name); // reject a bad name before any server starts

  // The existing migrations are replayed in a temporary shadow database on this server.
  const connectionString = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || undefined;
  if (!connectionString) console.log('No DATABASE_URL: comparing on a temporary embedded PostgreSQL…');
  const folder = await createMigration({ connectionString, name });
  if (folder === null) {
    console.log('No changes: schema.prisma matches the migrations; nothing written.');
    return;
  }
  console.log(`Wrote ${shownPath(join(migrationsDir, folder, 'migration.sql'))}`);
  console.log('Review it, then apply it with npm run db:migrate.');
});
