import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing';
import { createMigration, findPendingMigrations, findSchemaDrift, migrateDatabase } from './migrations';
import { migrationsDir, schemaPath } from './paths';

// A model the migrations do not have: enough to make schema.prisma and the migrations disagree.
const extraModel = `
model DriftProbe {
  id    String @id @db.Uuid
  label String

  @@map("drift_probe")
}
`;

let workDir: string;
let changedSchemaPath: string;
const databases: TestDatabase[] = [];

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ empty: true });
  databases.push(database);
  return database;
}

/** A copy of prisma/migrations that a test may add to. */
async function copyOfMigrations(): Promise<string> {
  const copy = await mkdtemp(join(workDir, 'migrations-'));
  await cp(migrationsDir, copy, { recursive: true });
  return copy;
}

async function migrationFolders(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function query<T extends pg.QueryResultRow>(connectionString: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// Every test works on a database and a migrations folder of its own, so they run concurrently.
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'lapata-migrations-spec-'));
  changedSchemaPath = join(workDir, 'schema.prisma');
  await writeFile(changedSchemaPath, (await readFile(schemaPath, 'utf8')) + extraModel);
});

afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  await rm(workDir, { recursive: true, force: true });
});

describe.concurrent('drift between schema.prisma and the migrations', () => {
  it('is empty: the migrations build exactly what schema.prisma describes', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    expect(await findSchemaDrift({ connectionString })).toBeNull();
  });

  it('is reported when schema.prisma has changed without a migration', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    const drift = await findSchemaDrift({ connectionString, schemaPath: changedSchemaPath });
    expect(drift).toContain('CREATE TABLE "drift_probe"');
  });
});

describe.concurrent('migrateDatabase', () => {
  it('applies every migration once; a second run is a no-op', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    const folders = await migrationFolders(migrationsDir);
    expect(folders.length).toBeGreaterThan(0);

    expect(await migrateDatabase({ connectionString })).toEqual(folders);
    expect(await migrateDatabase({ connectionString })).toEqual([]);
    const rows = await query<{ count: string }>(connectionString, 'select count(*) from _prisma_migrations');
    expect(Number(rows[0]?.count)).toBe(folders.length);
  });

  it('keeps _prisma_migrations as prisma migrate deploy does', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    await migrateDatabase({ connectionString });
    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      started_at: Date;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>(connectionString, 'select * from _prisma_migrations order by migration_name');

    const folders = await migrationFolders(migrationsDir);
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      const script = await readFile(join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('upserts the built-in forum kinds, in English and Urdu, without duplicating them', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    await migrateDatabase({ connectionString });
    await query(connectionString, "update forum_kinds set name_ur = 'stale' where code = 'HIGH_COURT'");
    const before = await query<{ id: string; code: string }>(connectionString, 'select id, code from forum_kinds');
    await migrateDatabase({ connectionString });

    const kinds = await query<{ id: string; code: string; name_en: string; name_ur: string; organization_id: string | null }>(
      connectionString,
      'select id, code, name_en, name_ur, organization_id from forum_kinds order by sort_order',
    );
    expect(kinds.map((kind) => kind.name_en)).toEqual([
      'Supreme Court',
      'High Court',
      'District & Sessions Court',
      'Commission of Inquiry on Enforced Disappearances',
      'Police (FIR/complaint)',
      'National Commission for Human Rights',
      'UN Working Group on Enforced or Involuntary Disappearances (WGEID)',
      'Other',
    ]);
    expect(kinds.every((kind) => kind.organization_id === null)).toBe(true);
    expect(kinds.every((kind) => /[\u0600-\u06FF]/.test(kind.name_ur))).toBe(true);
    expect(kinds.find((kind) => kind.code === 'HIGH_COURT')?.name_ur).toBe('ہائی کورٹ');
    expect(kinds.map((kind) => kind.id).sort()).toEqual(before.map((kind) => kind.id).sort());
  });
});

describe.concurrent('findPendingMigrations', () => {
  it('lists every folder for a database never migrated, and none once migrated', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    const folders = await migrationFolders(migrationsDir);
    expect(await findPendingMigrations({ connectionString })).toEqual(folders);
    await migrateDatabase({ connectionString });
    expect(await findPendingMigrations({ connectionString })).toEqual([]);
  });

  it('names a migration added after the last run, also through a Prisma client', async ({ expect }) => {
    const database = await emptyDatabase();
    await migrateDatabase({ connectionString: database.connectionString });
    const dir = await copyOfMigrations();
    await cp(join(dir, (await migrationFolders(dir))[0]!), join(dir, '29991231235959_later'), { recursive: true });
    expect(await findPendingMigrations({ prisma: database.prisma, migrationsDir: dir })).toEqual(['29991231235959_later']);
  });

  it('counts a failed migration as pending, and rolls back its partial work', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    const dir = await copyOfMigrations();
    await migrateDatabase({ connectionString, migrationsDir: dir });
    await cp(join(dir, (await migrationFolders(dir))[0]!), join(dir, '29991231235959_broken'), { recursive: true });
    const script = "create table half_done (id int);\ninsert into half_done values (1); -- a ';' in a comment\nselect * from no_such_table;\n";
    await writeFile(join(dir, '29991231235959_broken', 'migration.sql'), script);

    await expect(migrateDatabase({ connectionString, migrationsDir: dir })).rejects.toThrow(
      'Migration 29991231235959_broken failed',
    );
    expect(await findPendingMigrations({ connectionString, migrationsDir: dir })).toEqual(['29991231235959_broken']);
    const [table] = await query<{ name: string | null }>(connectionString, "select to_regclass('half_done')::text as name");
    expect(table?.name).toBeNull();
  });
});

describe.concurrent('createMigration', () => {
  it('writes a folder with the SQL for a changed schema, which then applies and leaves no drift', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    const dir = await copyOfMigrations();
    const before = await migrationFolders(dir);

    const folder = await createMigration({
      connectionString,
      name: 'Add drift probe',
      schemaPath: changedSchemaPath,
      migrationsDir: dir,
      now: new Date('2999-01-02T03:04:05Z'),
    });

    expect(folder).toBe('29990102030405_add_drift_probe');
    expect(await migrationFolders(dir)).toEqual([...before, folder]);
    const script = await readFile(join(dir, folder!, 'migration.sql'), 'utf8');
    expect(script).toContain('CREATE TABLE "drift_probe"');
    expect(await readFile(join(dir, 'migration_lock.toml'), 'utf8')).toBe(
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );

    expect(await migrateDatabase({ connectionString, migrationsDir: dir })).toEqual([...before, folder]);
    expect(await findSchemaDrift({ connectionString, schemaPath: changedSchemaPath, migrationsDir: dir })).toBeNull();
  });

  it('writes nothing when schema.prisma matches the migrations', async ({ expect }) => {
    const { connectionString } = await emptyDatabase();
    const dir = await copyOfMigrations();
    const before = await readdir(dir, { recursive: true });

    expect(await createMigration({ connectionString, name: 'nothing', migrationsDir: dir })).toBeNull();
    expect(await readdir(dir, { recursive: true })).toEqual(before);
  });

  it('rejects a name with no letters or digits before touching anything', async ({ expect }) => {
    await expect(createMigration({ connectionString: 'postgres://unused', name: '  -- ' })).rejects.toThrow(
      'A migration needs a name made of letters or digits',
    );
  });
});
