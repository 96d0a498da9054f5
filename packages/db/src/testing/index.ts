// @lapata/db/testing: one PostgreSQL server per test run, one fresh database per test file.
//
// In a workspace's vitest.config.ts:
//   globalSetup: [fileURLToPath(import.meta.resolve('@lapata/db/testing'))]
// In a test file:
//   const db = await createTestDatabase();   afterAll(() => db.drop());
//
// The server is TEST_DATABASE_URL when set (a superuser URL, e.g.
// postgres://postgres@127.0.0.1:5432/postgres), otherwise an embedded server in a temporary
// folder. Its migrated template database is cloned for each test file, so files run in parallel
// on databases of their own. Everything is dropped or removed when the run ends.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { createPrismaClient } from '../client';
import { quoteIdentifier, withDatabaseName } from '../connection-string';
import { startEmbeddedPostgres } from '../embedded-postgres';
import type { PrismaClient } from '../generated/prisma/client';
import { ensureApplicationRole, withCredentials } from '../application-role';
import { migrateDatabase, throwawayServerSettings } from '../migrations';

// Vitest types provide() and inject() against its ProvidedContext interface, which only an ES
// module can extend; this CommonJS module passes its two keys through a plain signature instead.
const serverUrlKey = 'lapataDatabaseServerUrl';
const templateKey = 'lapataTemplateDatabase';
const appRoleKey = 'lapataApplicationRole';
const appPasswordKey = 'lapataApplicationPassword';
type Provide = (key: string, value: string) => void;
type Inject = (key: string) => string | undefined;

interface TestServer {
  serverUrl: string;
  templateDatabase: string;
  /** The run's own application role (not superuser, no BYPASSRLS), as the API connects in production. */
  appRole: string;
  appPassword: string;
  /** Prefix of every database made for this run (template and clones), for the final sweep. */
  runPrefix: string;
  teardown(): Promise<void>;
}

// Shared through globalThis: Vitest loads this global setup once per project (db, api, ...), in
// one process, and they all use the same server and template. The last teardown cleans up.
interface SharedTestServer {
  server: Promise<TestServer>;
  users: number;
}
const sharedKey = Symbol.for('lapata.db.testServer');
const registry = globalThis as { [sharedKey]?: SharedTestServer };

/** Vitest global setup: starts (or joins) the run's server and provides its URL and template. */
export default async function setupTestDatabaseServer(project: TestProject): Promise<() => Promise<void>> {
  const shared = (registry[sharedKey] ??= { server: startTestServer(), users: 0 });
  shared.users += 1;
  const server = await shared.server;
  const provide = project.provide.bind(project) as Provide;
  provide(serverUrlKey, server.serverUrl);
  provide(templateKey, server.templateDatabase);
  provide(appRoleKey, server.appRole);
  provide(appPasswordKey, server.appPassword);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[sharedKey];
    await server.teardown();
  };
}

async function startTestServer(): Promise<TestServer> {
  const runPrefix = `lapata_test_${randomBytes(4).toString('hex')}`;
  const templateDatabase = `${runPrefix}_template`;
  const appRole = `${runPrefix}_app`;
  const appPassword = randomBytes(18).toString('base64url');
  const external = process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  let stopServer = async () => {};
  let serverUrl: string;
  if (external) {
    serverUrl = external;
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'lapata-test-postgres-'));
    const embedded = await startEmbeddedPostgres({
      dataDir,
      database: 'postgres',
      settings: { ...throwawayServerSettings, max_connections: '300' },
    });
    serverUrl = embedded.connectionString;
    stopServer = embedded.stop;
  }
  const removeDataDir = async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await runOnServer(serverUrl, `create database ${quoteIdentifier(templateDatabase)}`);
    const templateUrl = withDatabaseName(serverUrl, templateDatabase);
    await migrateDatabase({ connectionString: templateUrl });
    // Table grants live in the template's catalog, so every clone has them.
    await ensureApplicationRole({ connectionString: templateUrl, role: appRole, password: appPassword });
  } catch (error) {
    await dropRunDatabases(serverUrl, runPrefix).catch(() => {}); // best effort: the start already failed
    await dropRole(serverUrl, appRole).catch(() => {});
    await stopServer();
    await removeDataDir();
    throw error;
  }

  return {
    serverUrl,
    templateDatabase,
    appRole,
    appPassword,
    runPrefix,
    teardown: async () => {
      try {
        if (external) {
          await dropRunDatabases(serverUrl, runPrefix);
          await dropRole(serverUrl, appRole);
        }
      } finally {
        await stopServer();
        await removeDataDir();
      }
    },
  };
}

export interface TestDatabase {
  /** Superuser connection string to this test file's own database (for arranging and inspecting). */
  connectionString: string;
  /**
   * The same database as the application role: not superuser, no BYPASSRLS, so row-level
   * security applies. The API under test connects with this one.
   */
  appConnectionString: string;
  /** A Prisma client on it, disconnected by drop(). */
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** An empty database instead of a migrated one. */
  empty?: boolean;
}

/**
 * A fresh database for one test file, cloned from the run's migrated template (or empty).
 * Needs the global setup above.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const inject = (await import('vitest')).inject as Inject; // Vitest is ESM-only: no require()
  const serverUrl = inject(serverUrlKey);
  const templateDatabase = inject(templateKey);
  const appRole = inject(appRoleKey);
  const appPassword = inject(appPasswordKey);
  if (!serverUrl || !templateDatabase || !appRole || !appPassword) {
    throw new Error("createTestDatabase needs @lapata/db/testing as the project's Vitest globalSetup");
  }
  const runPrefix = templateDatabase.replace(/_template$/, '');
  const name = `${runPrefix}_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : templateDatabase;
  await runOnServer(serverUrl, `create database ${quoteIdentifier(name)} template ${quoteIdentifier(template)}`);

  const connectionString = withDatabaseName(serverUrl, name);
  const prisma = createPrismaClient(connectionString);
  let dropped: Promise<void> | undefined;
  return {
    connectionString,
    appConnectionString: withCredentials(connectionString, appRole, appPassword),
    prisma,
    drop: () =>
      (dropped ??= (async () => {
        await prisma.$disconnect();
        await runOnServer(serverUrl, `drop database if exists ${quoteIdentifier(name)} with (force)`);
      })()),
  };
}

async function dropRunDatabases(serverUrl: string, runPrefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [`${runPrefix}_`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists ${quoteIdentifier(datname)} with (force)`);
  } finally {
    await client.end();
  }
}

async function dropRole(serverUrl: string, role: string): Promise<void> {
  await runOnServer(serverUrl, `drop role if exists ${quoteIdentifier(role)}`);
}

async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
