import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs deploy/postgres-init/10-app-role.sh the way the postgres image does on a fresh volume (as the
// owner role, with psql), against a real server, then checks what row-level security relies on:
// the API's role is no superuser, has no BYPASSRLS, owns nothing, and sees only what policies allow.
// Needs psql, pg_dump, pg_restore and a superuser connection: TEST_DATABASE_URL, or the local
// server at 127.0.0.1:5432.

const script = fileURLToPath(new URL('./postgres-init/10-app-role.sh', import.meta.url));
const adminUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');

function run(command: string, args: string[]) {
  return spawnSync(command, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: 20_000 });
}

function psql(url: URL | string, sql: string) {
  const options = ['--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '-v', 'ON_ERROR_STOP=1'];
  return run('psql', [...options, '--dbname', String(url), '--command', sql]);
}

function query(url: URL | string, sql: string): string {
  const result = psql(url, sql);
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr || result.error?.message}`);
  return result.stdout.trim();
}

function majorVersion(text: string): number {
  return Number(/(\d+)/.exec(text)?.[1] ?? 0);
}

function unavailableReason(): string | undefined {
  const check = psql(adminUrl, "SELECT rolsuper, current_setting('server_version_num') FROM pg_roles WHERE rolname = current_user");
  if (check.error) return 'psql is not installed';
  if (check.status !== 0) return `no PostgreSQL answers at ${adminUrl.host}`;
  const [superuser, serverVersion = ''] = check.stdout.trim().split('|');
  if (superuser !== 't') return `the role of ${adminUrl.host} is not a superuser`;
  // pg_dump refuses servers newer than itself.
  const dumpVersion = run('pg_dump', ['--version']);
  if (dumpVersion.error) return 'pg_dump is not installed';
  if (majorVersion(dumpVersion.stdout) < Math.floor(Number(serverVersion) / 10000)) {
    return `pg_dump (${dumpVersion.stdout.trim()}) is older than the server at ${adminUrl.host}`;
  }
  return undefined;
}

const unavailable = unavailableReason();
if (unavailable) console.warn(`SKIPPED deploy/postgres-init tests: ${unavailable}.`);

const suffix = randomBytes(5).toString('hex');
const owner = { name: `deploy_owner_${suffix}`, password: randomBytes(12).toString('hex') };
const app = { name: `deploy_app_${suffix}`, password: `it's ${randomBytes(12).toString('hex')}` };
const other = { name: `deploy_other_${suffix}`, password: randomBytes(12).toString('hex') };
const database = `deploy_${suffix}`;
let scratch = '';

function urlFor(role: { name: string; password: string }): URL {
  const url = new URL(adminUrl);
  url.username = role.name;
  url.password = role.password;
  url.pathname = `/${database}`;
  return url;
}

/** Runs the init script as the postgres image would, with the given settings for the API's role. */
function runInitScript(settings: Record<string, string>) {
  return spawnSync('sh', [script], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PGHOST: adminUrl.hostname,
      PGPORT: adminUrl.port || '5432',
      PGPASSWORD: owner.password,
      POSTGRES_USER: owner.name,
      POSTGRES_DB: database,
      ...settings,
    },
    timeout: 20_000,
  });
}

describe.skipIf(unavailable !== undefined)('deploy/postgres-init/10-app-role.sh', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'lapata-postgres-init-'));
    // The postgres image's POSTGRES_USER is a superuser owning POSTGRES_DB; so is this owner.
    query(adminUrl, `CREATE ROLE ${owner.name} LOGIN SUPERUSER PASSWORD '${owner.password}'`);
    query(adminUrl, `CREATE ROLE ${other.name} LOGIN PASSWORD '${other.password}'`);
    query(adminUrl, `CREATE DATABASE ${database} OWNER ${owner.name}`);
  });

  afterAll(() => {
    query(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of [app, other, owner]) query(adminUrl, `DROP ROLE IF EXISTS ${role.name}`);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('stops the first start, creating nothing, when the API role has no password', () => {
    const result = runInitScript({ LAPATA_DB_APP_USER: app.name });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('LAPATA_DB_APP_PASSWORD is not set');
    expect(query(adminUrl, `SELECT count(*) FROM pg_roles WHERE rolname = '${app.name}'`)).toBe('0');
  });

  describe('once run with a password', () => {
    beforeAll(() => {
      const result = runInitScript({ LAPATA_DB_APP_USER: app.name, LAPATA_DB_APP_PASSWORD: app.password });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      // What a migration does later, as the owner: a tenant table with forced row-level security.
      query(
        urlFor(owner),
        `CREATE TABLE case_note (id serial PRIMARY KEY, organization_id uuid NOT NULL, body text NOT NULL);
         ALTER TABLE case_note ENABLE ROW LEVEL SECURITY;
         ALTER TABLE case_note FORCE ROW LEVEL SECURITY;
         CREATE POLICY tenant ON case_note
           USING (organization_id = NULLIF(current_setting('lapata.organization_id', true), '')::uuid)
           WITH CHECK (organization_id = NULLIF(current_setting('lapata.organization_id', true), '')::uuid);
         INSERT INTO case_note (organization_id, body) VALUES
           ('00000000-0000-4000-8000-00000000000a', 'a'), ('00000000-0000-4000-8000-00000000000b', 'b');`,
      );
    });

    it('creates a login role that is no superuser and cannot bypass row-level security', () => {
      const flags = query(
        adminUrl,
        `SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolreplication
           FROM pg_roles WHERE rolname = '${app.name}'`,
      );
      expect(flags).toBe('t|f|f|f|f|f');
    });

    it('lets the API role use the tables the owner creates later, within the policies', () => {
      const asApp = urlFor(app);
      expect(query(asApp, 'SELECT count(*) FROM case_note')).toBe('0');
      expect(
        query(
          asApp,
          `SELECT set_config('lapata.organization_id', '00000000-0000-4000-8000-00000000000a', false);
           INSERT INTO case_note (organization_id, body) VALUES ('00000000-0000-4000-8000-00000000000a', 'a2');
           SELECT string_agg(body, ',' ORDER BY body) FROM case_note;`,
        ).split('\n').at(-1),
      ).toBe('a,a2');
    });

    it('gives the API role no way to create or own anything', () => {
      const asApp = urlFor(app);
      const create = psql(asApp, 'CREATE TABLE escape (id int)');
      expect(create.status).not.toBe(0);
      expect(create.stderr).toContain('permission denied for schema public');
      const owned = 'SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)';
      expect(query(asApp, owned)).toBe('0');
    });

    it('restores a pg_dump of the owner with pg_restore --clean, privileges and policies included', () => {
      const dumpFile = join(scratch, 'backup.dump');
      // The documented backup and restore (docs/operations.md), as the owner: the API role would
      // dump only the rows its policies show it, that is none.
      const dump = run('pg_dump', ['--format=custom', `--file=${dumpFile}`, '--dbname', String(urlFor(owner))]);
      expect(dump.stderr).toBe('');
      query(urlFor(owner), 'DROP TABLE case_note');
      const restore = run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '--dbname', String(urlFor(owner)), dumpFile]);
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);

      const asApp = urlFor(app);
      expect(query(asApp, 'SELECT count(*) FROM case_note')).toBe('0');
      const visible = query(
        asApp,
        `SELECT set_config('lapata.organization_id', '00000000-0000-4000-8000-00000000000b', false);
         INSERT INTO case_note (organization_id, body) VALUES ('00000000-0000-4000-8000-00000000000b', 'b2');
         SELECT string_agg(body, ',' ORDER BY body) FROM case_note;`,
      );
      expect(visible.split('\n').at(-1)).toBe('b,b2');
    });

    it('lets no other role connect to the database', () => {
      const result = psql(urlFor(other), 'SELECT 1');
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('permission denied for database');
    });
  });
});
