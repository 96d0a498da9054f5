import { join, resolve } from 'node:path';

// This file sits directly in packages/db/src (tests) or packages/db/dist (built), so the
// repository root is three levels up either way.
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** prisma/schema.prisma: the one data model. */
export const schemaPath = join(repoRoot, 'prisma', 'schema.prisma');

/** prisma/migrations: one folder per migration, as Prisma Migrate keeps them. */
export const migrationsDir = join(repoRoot, 'prisma', 'migrations');
