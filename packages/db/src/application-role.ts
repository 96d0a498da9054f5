import pg from 'pg';
import { quoteIdentifier } from './connection-string';

/** Tables the application may only append to and read (the tamper-evident audit trail). */
export const APPEND_ONLY_TABLES = ['audit_events', 'audit_checkpoints'] as const;

export interface EnsureApplicationRoleOptions {
  /** An owner or superuser connection to the application's database. */
  connectionString: string;
  role: string;
  /** Sets (or resets) the role's password; omit to leave an existing role's password alone. */
  password?: string;
}

/**
 * Creates (if missing) and grants the role the API connects as: it may log in, read and write the
 * tables, but it is not a superuser, has no BYPASSRLS, owns nothing and cannot create anything,
 * so row-level security applies to every query it makes. Run after every migration: new tables
 * get their grants here (and through default privileges). Idempotent.
 */
export async function ensureApplicationRole(options: EnsureApplicationRoleOptions): Promise<void> {
  const role = quoteIdentifier(options.role);
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    await client.query('begin');
    // Serialise concurrent callers (several test projects, two starts): role DDL is not idempotent.
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`lapata.application-role.${options.role}`]);
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [options.role]);
    const attributes = 'login nosuperuser nobypassrls nocreatedb nocreaterole noinherit';
    if (!rowCount) await client.query(`create role ${role} ${attributes}`);
    else await client.query(`alter role ${role} ${attributes}`);
    if (options.password !== undefined) {
      await client.query(`alter role ${role} password ${pg.escapeLiteral(options.password)}`);
    }
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    await client.query(`grant connect on database ${quoteIdentifier(rows[0]!.db)} to ${role}`);
    await client.query(`grant usage on schema public to ${role}`);
    await client.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await client.query(`grant usage, select on all sequences in schema public to ${role}`);
    await client.query(
      `alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
    );
    for (const table of APPEND_ONLY_TABLES) {
      if (await tableExists(client, table)) {
        await client.query(`revoke update, delete, truncate on ${quoteIdentifier(table)} from ${role}`);
      }
    }
    // The readiness probe reads the migration history; only migrations write it.
    if (await tableExists(client, '_prisma_migrations')) {
      await client.query(`revoke insert, update, delete, truncate on _prisma_migrations from ${role}`);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function tableExists(client: pg.Client, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>('select to_regclass($1) is not null as found', [
    `public.${table}`,
  ]);
  return rows[0]!.found;
}

/** The same server and database as `connectionString`, as `role`. */
export function withCredentials(connectionString: string, role: string, password: string): string {
  const url = new URL(connectionString);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}
