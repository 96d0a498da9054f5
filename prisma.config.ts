// Prisma CLI configuration, for `prisma migrate deploy` / `prisma migrate status` where the native
// schema engine is available (e.g. in an operator's toolbox). Lapata itself migrates with
// `npm run db:migrate`, which drives the WebAssembly engine and keeps the same `_prisma_migrations`.
// A plain object (not `defineConfig`) because the `prisma` package is not hoisted to the root.
export default {
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL ?? '' },
};
