// The seed for `prisma db seed` (e.g. `migrations.seed: "tsx prisma/seed.ts"` in prisma.config.ts)
// and for anyone running it by hand against DATABASE_URL. The data and the logic live in
// @lapata/db: `npm run db:migrate` applies the same seed, and `npm run db:seed` runs it alone.
import { seedReferenceData } from '@lapata/db';

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  await seedReferenceData(connectionString);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
