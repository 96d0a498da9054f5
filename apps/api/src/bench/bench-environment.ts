import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { generateKeyFile, loadKeyConfiguration, writeKeyFile, type KeyRing } from '@lapata/crypto';
import { repoRoot, startEmbeddedPostgres, withDatabaseName } from '@lapata/db';

/** Everything the benchmark keeps: its own embedded server and its own development key file. */
export const benchDataDir = join(repoRoot, '.data', 'bench');

/** One database per size, so that the 1k and 100k databases sit side by side. */
export const benchDatabaseName = (cases: number) => `lapata_bench_${cases}`;

export interface BenchServer {
  /** Owner (superuser) connection string to the `postgres` database of the server. */
  serverUrl: string;
  embedded: boolean;
  /** Owner connection string to one size's database. */
  databaseUrl(cases: number): string;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL names the server (its database part is replaced by `lapata_bench_<cases>`), else an
 * embedded PostgreSQL in .data/bench/postgres is started, separate from `npm start`'s database.
 */
export async function openBenchServer(log: (line: string) => void): Promise<BenchServer> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) {
    log('Using the PostgreSQL server in DATABASE_URL (databases lapata_bench_<cases>).');
    return { serverUrl: given, embedded: false, databaseUrl: (cases) => withDatabaseName(given, benchDatabaseName(cases)), stop: async () => undefined };
  }
  log('No DATABASE_URL: using the embedded PostgreSQL in .data/bench/postgres');
  const server = await startEmbeddedPostgres({
    dataDir: join(benchDataDir, 'postgres'),
    database: 'postgres',
    // Room for 50 concurrent requests plus the raw-SQL baseline; a little more memory for sorts.
    settings: { max_connections: '200', shared_buffers: '256MB', work_mem: '16MB', maintenance_work_mem: '256MB' },
  });
  return {
    serverUrl: server.connectionString,
    embedded: true,
    databaseUrl: (cases) => withDatabaseName(server.connectionString, benchDatabaseName(cases)),
    stop: () => server.stop(),
  };
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Drops (when present) and creates the size's database. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * The key settings the seed encrypts with and the API decrypts with: LAPATA_KEY_FILE or
 * LAPATA_MASTER_KEY (+ the other two) when set, else a key file made once in .data/bench.
 */
export function benchKeyEnv(): NodeJS.ProcessEnv {
  const env = process.env;
  if (env.LAPATA_KEY_FILE?.trim()) return { LAPATA_KEY_FILE: env.LAPATA_KEY_FILE };
  if (env.LAPATA_MASTER_KEY?.trim()) {
    return {
      LAPATA_MASTER_KEY: env.LAPATA_MASTER_KEY,
      LAPATA_BLIND_INDEX_KEY: env.LAPATA_BLIND_INDEX_KEY,
      LAPATA_AUDIT_SIGNING_KEY: env.LAPATA_AUDIT_SIGNING_KEY,
    };
  }
  const keyFile = join(benchDataDir, 'keys.json');
  if (!existsSync(keyFile)) {
    mkdirSync(benchDataDir, { recursive: true });
    writeKeyFile(keyFile, generateKeyFile());
  }
  return { LAPATA_KEY_FILE: keyFile };
}

export function benchKeyRing(): KeyRing {
  return loadKeyConfiguration(benchKeyEnv()).ring;
}
