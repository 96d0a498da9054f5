// npm run db:migrate: applies pending migrations (and the built-in reference data).
import { migrateDatabase } from '../migrations';
import { runCli, withMigrationDatabase } from './database';

runCli(() =>
  withMigrationDatabase(async (connectionString) => {
    const applied = await migrateDatabase({ connectionString });
    if (applied.length === 0) console.log('No pending migrations: the database is up to date.');
    else console.log(`Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join('\n')}`);
  }),
);
