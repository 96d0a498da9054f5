import { join, relative } from 'node:path';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { repoRoot } from '../paths';

/** A path as the person who typed the npm command sees it (npm runs us in packages/db). */
export function shownPath(path: string): string {
  return relative(process.env.INIT_CWD ?? process.cwd(), path) || '.';
}

/** Where `npm start` keeps the embedded server; the CLIs use the same one. */
export const embeddedDataDir = join(repoRoot, '.data', 'postgres');

/**
 * Runs `fn` against DATABASE_MIGRATION_URL, else DATABASE_URL, else the embedded server in
 * .data/postgres, started for the occasion and stopped afterwards (also on Ctrl-C or SIGTERM).
 */
export async function withMigrationDatabase(fn: (connectionString: string) => Promise<void>): Promise<void> {
  const connectionString = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
  if (connectionString) return fn(connectionString);

  console.log(`No DATABASE_URL: using the embedded PostgreSQL in ${shownPath(embeddedDataDir)}`);
  const server = await startEmbeddedPostgres({ dataDir: embeddedDataDir });
  const stopAndExit = (code: number) => () => void server.stop().finally(() => process.exit(code));
  const onSigint = stopAndExit(130);
  const onSigterm = stopAndExit(143);
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  try {
    await fn(server.connectionString);
  } finally {
    process.removeListener('SIGINT', onSigint);
    process.removeListener('SIGTERM', onSigterm);
    await server.stop();
  }
}

/** Runs a CLI's main function: a failure prints its message (never a connection string) and exits 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
