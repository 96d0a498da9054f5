// npm run db:seed: upserts the built-in reference data (forum kinds). db:migrate does it too.
import { seedReferenceData } from '../reference-data';
import { runCli, withMigrationDatabase } from './database';

runCli(() =>
  withMigrationDatabase(async (connectionString) => {
    await seedReferenceData(connectionString);
    console.log('Reference data is up to date.');
  }),
);
