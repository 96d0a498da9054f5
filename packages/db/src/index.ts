// @lapata/db: the Prisma client and everything else that talks to PostgreSQL. Other packages
// import from here only, never from the generated client's folder.
export * from './generated/prisma/client';
export { createPrismaClient, type ConnectionPoolOptions, type CreatePrismaClientOptions } from './client';
export {
  withDatabaseSession,
  type DatabaseSession,
  type DatabaseSessionOptions,
  type DatabaseTransaction,
} from './database-session';
export {
  createMigration,
  findPendingMigrations,
  findSchemaDrift,
  migrateDatabase,
  type CreateMigrationOptions,
  type FindPendingMigrationsOptions,
  type MigrateDatabaseOptions,
  type SchemaDiffOptions,
} from './migrations';
export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';
export { builtInForumKinds, seedReferenceData, type BuiltInForumKind } from './reference-data';
export { migrationsDir, repoRoot, schemaPath } from './paths';
export { withDatabaseName } from './connection-string';
export { uuidv7 } from './uuid';
export { APPEND_ONLY_TABLES, ensureApplicationRole, withCredentials, type EnsureApplicationRoleOptions } from './application-role';
export { runCli, withMigrationDatabase } from './cli/database';
