import { createTestDatabase, type TestDatabase } from '@lapata/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The second wall, tested below the application: queries made as the API's role, with or without
 * the request settings, never reach another organisation's rows.
 */
describe('row-level security', () => {
  let database: TestDatabase;
  let owner: pg.Client;
  let app: pg.Client;
  let tenantTables: string[];
  const orgA = '01900000-0000-7000-8000-00000000000a';
  const orgB = '01900000-0000-7000-8000-00000000000b';
  const userA = '01900000-0000-7000-8000-0000000000a1';
  const userB = '01900000-0000-7000-8000-0000000000b1';
  const caseB = '01900000-0000-7000-8000-0000000000c2';

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = new pg.Client({ connectionString: database.connectionString });
    app = new pg.Client({ connectionString: database.appConnectionString });
    await owner.connect();
    await app.connect();
    const { rows } = await owner.query<{ table_name: string }>(
      `select table_name from information_schema.columns
       where table_schema = 'public' and column_name = 'organization_id' order by table_name`,
    );
    tenantTables = ['organizations', ...rows.map((row) => row.table_name)];

    // Two organisations, each with a member, a case and a grant, written as the owner.
    for (const [org, user, prefix] of [
      [orgA, userA, 'AAA'],
      [orgB, userB, 'BBB'],
    ] as const) {
      await owner.query(`insert into organizations (id, name, case_reference_prefix, updated_at) values ($1, $2, $3, now())`, [
        org,
        `Org ${prefix}`,
        prefix,
      ]);
      await owner.query(
        `insert into users (id, email_enc, email_bidx, display_name_enc, password_hash, updated_at)
         values ($1, '\\x00', $2, '\\x00', 'x', now())`,
        [user, Buffer.from(user)],
      );
      await owner.query(`insert into memberships (id, organization_id, user_id, role) values (gen_random_uuid(), $1, $2, 'CASEWORKER')`, [
        org,
        user,
      ]);
    }
    await owner.query(
      `insert into cases (id, organization_id, reference, updated_at) values ($1, $2, 'BBB-2026-0001', now())`,
      [caseB, orgB],
    );
    await owner.query(
      `insert into case_grants (id, organization_id, case_id, user_id, level, granted_by_id) values (gen_random_uuid(), $1, $2, $3, 'VIEW', $3)`,
      [orgB, caseB, userB],
    );
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await database?.drop();
  });

  async function asUser<T>(organizationId: string, userId: string, fn: () => Promise<T>): Promise<T> {
    await app.query('begin');
    try {
      await app.query(`select set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [
        organizationId,
        userId,
      ]);
      return await fn();
    } finally {
      await app.query('rollback');
    }
  }

  it('connects the API as a role that is not superuser, cannot bypass RLS and owns no table', async () => {
    const { rows } = await app.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      'select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user',
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await app.query(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and pg_get_userbyid(c.relowner) = current_user`,
    );
    expect(owned.rows).toEqual([]);
  });

  it('enables and forces row-level security with USING and WITH CHECK on every tenant table', async () => {
    expect(tenantTables.length).toBeGreaterThan(20);
    const { rows } = await owner.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class
       where relnamespace = 'public'::regnamespace and relname = any($1)`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const row of rows) expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });

    const policies = await owner.query<{ tablename: string; cmd: string; qual: string | null; with_check: string | null }>(
      `select tablename, cmd, qual, with_check from pg_policies where schemaname = 'public' and tablename = any($1)`,
      [tenantTables],
    );
    for (const table of tenantTables) {
      const own = policies.rows.filter((policy) => policy.tablename === table);
      expect(own.some((policy) => policy.qual !== null), `${table} has a USING clause`).toBe(true);
      expect(own.some((policy) => policy.with_check !== null), `${table} has a WITH CHECK clause`).toBe(true);
    }
  });

  it('returns zero rows from every tenant table when no user is set, never an error', async () => {
    for (const table of tenantTables) {
      const { rows } = await app.query(`select count(*)::int as n from ${table}`);
      expect(rows[0], table).toEqual({ n: table === 'forum_kinds' ? expect.any(Number) : 0 });
    }
    const kinds = await app.query<{ n: number }>(`select count(*)::int as n from forum_kinds where organization_id is not null`);
    expect(kinds.rows[0]!.n).toBe(0);
  });

  it("shows user A none of organisation B's rows, even without the application's checks", async () => {
    await asUser(orgA, userA, async () => {
      for (const table of tenantTables) {
        const column = table === 'organizations' ? 'id' : 'organization_id';
        const { rows } = await app.query(`select count(*)::int as n from ${table} where ${column} = $1`, [orgB]);
        expect(rows[0], table).toEqual({ n: 0 });
      }
      const mine = await app.query(`select count(*)::int as n from memberships`);
      expect(mine.rows[0]).toEqual({ n: 1 });
    });
  });

  it('refuses writing into another organisation (42501)', async () => {
    await expect(
      asUser(orgA, userA, () =>
        app.query(`insert into cases (id, organization_id, reference, updated_at) values (gen_random_uuid(), $1, 'BBB-2026-0002', now())`, [
          orgB,
        ]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('lets a user reach a case of another organisation only through a live grant', async () => {
    // userB belongs to B; seen from organisation A's session, only the granted case shows.
    const visible = await asUser(orgA, userB, () => app.query(`select id from cases`));
    expect(visible.rows).toEqual([{ id: caseB }]);
    await owner.query(`update case_grants set revoked_at = now() where case_id = $1`, [caseB]);
    const afterRevoke = await asUser(orgA, userB, () => app.query(`select id from cases`));
    expect(afterRevoke.rows).toEqual([]);
  });

  it('lets the application role read, but not write, the migration history', async () => {
    await expect(app.query(`select count(*) from _prisma_migrations`)).resolves.toBeDefined();
    await expect(app.query(`delete from _prisma_migrations`)).rejects.toMatchObject({ code: '42501' });
  });
});
