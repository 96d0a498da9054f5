import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg' with { 'resolution-mode': 'import' };
import pg from 'pg';
import { quoteIdentifier, withDatabaseName } from './connection-string';

type SchemaEngineBindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg', {
  with: { 'resolution-mode': 'import' },
});

// The WebAssembly global exists in Node; the TypeScript libraries used here do not declare it.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

export type { SchemaEngine };

export interface SchemaFile {
  path: string;
  content: string;
}

/** No table or enum is managed outside Prisma. */
export const noSchemaFilter = { externalTables: [], externalEnums: [] };

let bindings: Promise<SchemaEngineBindings> | undefined;

/**
 * Prisma's schema engine compiled to WebAssembly: the migration logic of the Prisma CLI without
 * its native binary (which would have to be downloaded). Loaded once per process.
 */
function loadSchemaEngine(): Promise<SchemaEngineBindings> {
  bindings ??= (async () => {
    const module = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(module),
    });
    module.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return module;
  })();
  return bindings;
}

/**
 * The engine arms timers it never clears (e.g. a 10 s timeout around taking Prisma's advisory
 * lock), which would keep a finished CLI alive for seconds. Its timers are unref'd: while the
 * engine waits on the database, the open connection keeps the process alive anyway.
 */
function withUnrefTimers(module: SchemaEngineBindings): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...module };
  for (const [name, value] of Object.entries(module)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    imports[name] = (...args: unknown[]) => {
      const timer = (value as (...args: unknown[]) => NodeJS.Timeout)(...args);
      timer.unref();
      return timer;
    };
  }
  return imports;
}

/**
 * Runs `run` with a schema engine connected to `connectionString` through @prisma/adapter-pg.
 * Shadow databases the engine asks for (to replay the migrations) are created on the same server
 * and dropped afterwards, so the connection's role needs CREATEDB for diffs.
 */
export async function withSchemaEngine<T>(
  connectionString: string,
  schema: SchemaFile | undefined,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngine();
  const connections = new MigrationConnections(connectionString);
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(connections);
  try {
    const engine = await SchemaEngine.new(
      { datamodels: schema ? [[schema.path, schema.content]] : undefined },
      () => {},
      adapterFactory,
    );
    try {
      return await run(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw describeEngineError(error);
  } finally {
    await connections.close();
  }
}

/**
 * Engine errors end with a trace of Rust spans; keep the message, and name the migration that
 * failed, which only the trace mentions.
 */
function describeEngineError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const [message = error.message, trace = ''] = error.message.split(/\n\s+0: /);
  const summary = message.replace(/^external connector error\n/, '').trimEnd();
  const migration = /migration_name="([^"]+)"/.exec(trace)?.[1];
  const described = new Error(migration ? `Migration ${migration} failed: ${summary}` : summary, { cause: error });
  described.name = error.name;
  return described;
}

/**
 * The connections the engine opens: the main database and any shadow databases. Pools are
 * closed and shadow databases dropped when the engine is done, whatever happened.
 */
class MigrationConnections implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  readonly #connectionString: string;
  readonly #adapters = new Set<SqlDriverAdapter>();
  readonly #shadowDatabases = new Set<string>();

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.#open(this.#connectionString);
  }

  // @prisma/adapter-pg's own connectToShadowDb keeps the main database when the configuration is
  // a connection string (node-postgres lets the string win over `database`), so it is done here.
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `lapata_shadow_${randomBytes(8).toString('hex')}`;
    await this.#runOnServer(`CREATE DATABASE ${quoteIdentifier(name)}`);
    this.#shadowDatabases.add(name);
    return this.#open(withDatabaseName(this.#connectionString, name), () => this.#dropShadowDatabase(name));
  }

  async close(): Promise<void> {
    for (const adapter of [...this.#adapters]) await adapter.dispose();
    for (const name of [...this.#shadowDatabases]) await this.#dropShadowDatabase(name);
  }

  async #open(connectionString: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString, application_name: 'lapata-migrate' });
    pool.on('connect', readCatalogTypes);
    const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    let disposed = false;
    const connection: SqlDriverAdapter = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: async (query) => restoreCharColumns(await adapter.queryRaw(query)),
      executeRaw: (query) => adapter.executeRaw(query),
      // adapter-pg splits scripts on ";", which breaks string literals, comments and function
      // bodies. Sent whole, a script is one simple-protocol query, which PostgreSQL runs as one
      // implicit transaction: what Prisma's native engine does with a migration.
      executeScript: async (script) => {
        await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
      },
      startTransaction: async (isolationLevel) => {
        const transaction = await adapter.startTransaction(isolationLevel);
        const queryRaw = transaction.queryRaw.bind(transaction);
        transaction.queryRaw = async (query) => restoreCharColumns(await queryRaw(query));
        return transaction;
      },
      getConnectionInfo: () => adapter.getConnectionInfo(),
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        this.#adapters.delete(connection);
        await adapter.dispose();
        await afterDispose?.();
      },
    };
    this.#adapters.add(connection);
    return connection;
  }

  async #dropShadowDatabase(name: string): Promise<void> {
    if (!this.#shadowDatabases.delete(name)) return;
    await this.#runOnServer(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  }

  async #runOnServer(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString, application_name: 'lapata-migrate' });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

// @prisma/adapter-pg (its fieldToColumnType) rejects built-in types it has no mapping for, and
// the schema engine reads catalog columns of two of them: "char" (pg_class.relkind,
// pg_constraint.contype...), which it wants as characters, and void (pg_advisory_lock). node-postgres
// has already read both as strings; the columns are relabelled text on the way into the adapter
// and "char" columns marked by name, then given back their Character type on the way out.
const charOid = 18;
const voidOid = 2278;
const textOid = 25;
const charColumnMarker = '\u0000char';

interface FieldDescription {
  name: string;
  dataTypeID: number;
}

function relabelForAdapter<R>(result: R): R {
  for (const part of Array.isArray(result) ? result : [result]) {
    for (const field of (part as { fields?: FieldDescription[] } | undefined)?.fields ?? []) {
      if (field.dataTypeID === charOid) {
        field.dataTypeID = textOid;
        field.name += charColumnMarker;
      } else if (field.dataTypeID === voidOid) {
        field.dataTypeID = textOid;
      }
    }
  }
  return result;
}

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  result.columnNames.forEach((name, index) => {
    if (!name.endsWith(charColumnMarker)) return;
    result.columnNames[index] = name.slice(0, -charColumnMarker.length);
    result.columnTypes[index] = ColumnTypeEnum.Character;
  });
  return result;
}

type QueryFunction = (...args: unknown[]) => unknown;

function readCatalogTypes(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  const patched: QueryFunction = (...args) => {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (error: unknown, result: unknown) => void;
      args[callbackIndex] = (error: unknown, result: unknown) => callback(error, error ? result : relabelForAdapter(result));
      return query(...args);
    }
    const pending = query(...args);
    return pending instanceof Promise ? pending.then(relabelForAdapter) : pending;
  };
  (client as unknown as { query: QueryFunction }).query = patched;
}
