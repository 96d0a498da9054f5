import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DecryptionError, decryptString, generateKeyFile, readKeyFile, unwrapKey, writeKeyFile } from '@lapata/crypto';
import { createPrismaClient, withDatabaseName } from '@lapata/db';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { verifyAuditTrail } from '../audit/audit-verifier';
import { personFieldContext } from '../people/person-fields';
import { purgeDueCases } from './case-purge';

const run = promisify(execFile);

const person = (fullNameLatin: string, nationalId: string) => ({
  fullNameNative: 'آمنہ بی بی',
  fullNameLatin,
  aliases: [],
  guardianName: 'Ghulam Rasool',
  guardianRelation: 'HUSBAND',
  sex: 'FEMALE',
  nationalIdCountry: 'PK',
  nationalId,
  phones: ['+92 300 7654321'],
  occupation: null,
  physicalDescription: null,
});

/** Key-file mode: the only one in which a purge can crypto-shred. */
async function startWithKeyFile(): Promise<{ t: TestApp; keyFile: string; directory: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'lapata-erasure-'));
  const keyFile = join(directory, 'keys.json');
  writeKeyFile(keyFile, generateKeyFile());
  const t = await startTestApp({
    env: { LAPATA_KEY_FILE: keyFile, LAPATA_MASTER_KEY: '', LAPATA_BLIND_INDEX_KEY: '', LAPATA_AUDIT_SIGNING_KEY: '' },
  });
  return { t, keyFile, directory };
}

describe('erasure: delete, restore, purge', () => {
  let t: TestApp;
  let keyFile: string;
  let directory: string;
  let orgId: string;
  let adminId: string;
  let admin: string;
  let caseworker: string;
  let outsiderAdmin: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (as = caseworker): Promise<string> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', as).send({ tags: [] });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const deleteCase = (caseId: string, body: object, as = admin) =>
    request(t.http).post(`/cases/${caseId}/deletion`).set(origin()).set('Cookie', as).send(body);
  const restoreCase = (caseId: string, as = admin) =>
    request(t.http).delete(`/cases/${caseId}/deletion`).set(origin()).set('Cookie', as);
  const listIds = async (as: string) => {
    const list = await request(t.http).get('/cases').set('Cookie', as);
    expect(list.status).toBe(200);
    return (list.body.items as { id: string }[]).map((item) => item.id);
  };

  beforeAll(async () => {
    ({ t, keyFile, directory } = await startWithKeyFile());
    orgId = (await makeOrg(t)).id;
    adminId = (await makeUser(t, { organizationId: orgId, role: 'ORG_ADMIN', displayName: 'Sana Admin' })).id;
    admin = await signIn(t, adminId, orgId);
    const caseworkerId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id;
    caseworker = await signIn(t, caseworkerId, orgId);
    const otherOrg = (await makeOrg(t)).id;
    outsiderAdmin = await signIn(t, (await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' })).id, otherOrg);
  });

  afterAll(async () => {
    await t?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('refuses a missing or short reason with its field message, and writes nothing', async () => {
    const caseId = await openCase();
    for (const [body, message] of [
      [{}, 'Invalid input: expected string, received undefined'],
      [{ reason: 'short' }, 'Say in a sentence why this case is being deleted'],
      [{ reason: 'x'.repeat(501) }, 'Use at most 500 characters'],
    ] as const) {
      const response = await deleteCase(caseId, body);
      expect(response.status).toBe(400);
      expect(response.body.error.fields.reason).toEqual([message]);
    }
    expect((await deleteCase(caseId, { reason: 'The family asked us to erase it', extra: 1 })).status).toBe(400);
    const row = await t.database.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.deletedAt).toBeNull();
    expect(await t.database.prisma.auditEvent.count({ where: { caseId, action: 'delete' } })).toBe(0);
  });

  it('lets only the organisation administrator delete and restore (404 for a manager and for another organisation)', async () => {
    const caseId = await openCase();
    const reason = { reason: 'The family asked us to erase it' };
    expect((await deleteCase(caseId, reason, caseworker)).status).toBe(404);
    expect((await deleteCase(caseId, reason, outsiderAdmin)).status).toBe(404);
    expect((await t.database.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).deletedAt).toBeNull();
    expect((await deleteCase(caseId, reason)).status).toBe(200);
    expect((await restoreCase(caseId, caseworker)).status).toBe(404);
    expect((await restoreCase(caseId, outsiderAdmin)).status).toBe(404);
    expect((await request(t.http).get('/organizations/current/deleted-cases').set('Cookie', caseworker)).status).toBe(404);
  });

  it('hides a deleted case from everyone but the administrators, restores it, and audits both without the reason', async () => {
    const caseId = await openCase();
    const reason = 'Ayesha’s family asked us to erase the case';
    const deleted = await deleteCase(caseId, { reason });
    expect(deleted.status).toBe(200);
    const days = (new Date(deleted.body.purgeAfter).getTime() - new Date(deleted.body.deletedAt).getTime()) / 86_400_000;
    expect(days).toBe(30);
    expect((await deleteCase(caseId, { reason })).status).toBe(409);

    expect(await listIds(caseworker)).not.toContain(caseId);
    expect(await listIds(admin)).not.toContain(caseId);
    expect((await request(t.http).get(`/cases/${caseId}`).set('Cookie', caseworker)).status).toBe(404);
    const stored = await t.database.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(Buffer.from(stored.deletionReasonEnc!).toString('utf8')).not.toContain('family');

    const view = await request(t.http).get('/organizations/current/deleted-cases').set('Cookie', admin);
    expect(view.status).toBe(200);
    expect(view.body.items).toContainEqual(
      expect.objectContaining({ id: caseId, reason, deletedByName: 'Sana Admin', purgeAfter: deleted.body.purgeAfter }),
    );
    expect((await request(t.http).get('/organizations/current/deleted-cases').set('Cookie', outsiderAdmin)).body.items).toEqual([]);

    expect((await restoreCase(caseId)).status).toBe(204);
    expect((await restoreCase(caseId)).status).toBe(409);
    expect(await listIds(caseworker)).toContain(caseId);
    const events = await t.database.prisma.auditEvent.findMany({ where: { caseId, action: { in: ['delete', 'restore'] } }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => [event.action, event.fields, event.actorId])).toEqual([
      ['delete', ['reason'], adminId],
      ['restore', [], adminId],
    ]);
    expect(JSON.stringify(events.map((event) => ({ ...event, seq: String(event.seq) })))).not.toContain('family');
  });

  it('purges after the window: every row gone, a tombstone in the chain, and an older dump unreadable with the current keys', async (context) => {
    const purged = await openCase();
    const kept = await openCase();
    const put = (caseId: string, body: object) =>
      request(t.http).put(`/cases/${caseId}/person`).set(origin()).set('Cookie', caseworker).send(body);
    expect((await put(purged, person('Amina Bibi Qasrani', '42101-9876543-2'))).status).toBe(200);
    expect((await put(kept, person('Bilal Ahmed Zardari', '35202-1234567-9'))).status).toBe(200);
    const family = await makeUser(t, { organizationId: orgId, role: 'FAMILY' });
    await makeGrant(t, { caseId: purged, userId: family.id, level: 'VIEW' });
    expect((await deleteCase(purged, { reason: 'The family asked us to erase it' })).status).toBe(200);

    // The backup an attacker (or a careless operator) kept from before the purge. Without a
    // pg_dump able to dump this server the purge is still checked, and only the dump part skipped.
    const [row] = await t.database.prisma.$queryRaw<{ server: number }[]>`select current_setting('server_version_num')::int / 10000 as server`;
    const { stdout: version } = await run('pg_dump', ['--version']);
    const client = Number(/(\d+)\.\d+/.exec(version)?.[1]);
    const dumpFile = row!.server > client ? null : join(directory, 'before-purge.dump');
    if (dumpFile) {
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dumpFile}`, t.database.connectionString]);
    }
    const kekBefore = readKeyFile(keyFile).file.current;

    // Not due yet: nothing happens.
    const early = await purgeDueCases(t.database.prisma, { keyFile: { path: keyFile }, ring: t.config.keys, now: new Date(), graceMs: 0 });
    expect(early.purgedCaseIds).toEqual([]);
    expect(readKeyFile(keyFile).file.current).toBe(kekBefore);

    const result = await purgeDueCases(t.database.prisma, {
      keyFile: { path: keyFile },
      ring: t.config.keys,
      now: new Date(Date.now() + 31 * 86_400_000),
      graceMs: 0,
      afterStage: () => void t.config.reloadKeys(),
    });
    t.config.reloadKeys();
    // The case deleted (and not restored) by the access test above is due as well: one batch.
    expect(result.purgedCaseIds).toContain(purged);
    expect(result.purgedCaseIds).not.toContain(kept);
    expect(result).toMatchObject({ shredded: true, retiredKekVersions: [kekBefore] });
    expect(Object.keys(readKeyFile(keyFile).file.kek)).toEqual([String(kekBefore + 1)]);

    const prisma = t.database.prisma;
    for (const count of [
      prisma.case.count({ where: { id: purged } }),
      prisma.caseKey.count({ where: { caseId: purged } }),
      prisma.missingPerson.count({ where: { caseId: purged } }),
      prisma.caseGrant.count({ where: { caseId: purged } }),
      prisma.caseStatusChange.count({ where: { caseId: purged } }),
      prisma.personNameToken.count({ where: { missingPerson: { caseId: purged } } }),
    ]) {
      expect(await count).toBe(0);
    }
    const tombstone = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: purged, action: 'purge' } });
    expect(tombstone).toMatchObject({ actorId: null, entity: 'case', entityId: purged, fields: [] });
    expect((await verifyAuditTrail(prisma, new Map([[t.config.keys.auditKeyId, t.config.keys.auditPublicKey]]))).breaks).toEqual([]);

    // The live service still reads the other case of the organisation.
    const live = await request(t.http).get(`/cases/${kept}/person`).set('Cookie', caseworker);
    expect(live.status).toBe(200);
    expect(live.body.fullNameLatin).toBe('Bilal Ahmed Zardari');
    expect((await request(t.http).get(`/cases/${purged}`).set('Cookie', admin)).status).toBe(404);
    const [liveOrgKey] = await prisma.organizationKey.findMany({ where: { organizationId: orgId } });
    expect(liveOrgKey).toMatchObject({ version: 2, kekVersion: kekBefore + 1 });

    if (!dumpFile) {
      context.skip(`pg_dump ${client} cannot dump PostgreSQL ${row!.server}; run with TEST_DATABASE_URL pointing at a PostgreSQL ${client} server`);
      return;
    }
    // The old dump, restored into a fresh database and read with the current keys.
    const restoredName = `${new URL(t.database.connectionString).pathname.slice(1)}_restored`;
    const server = new pg.Client({ connectionString: t.database.connectionString });
    await server.connect();
    await server.query(`create database "${restoredName}"`);
    const restoredUrl = withDatabaseName(t.database.connectionString, restoredName);
    const restored = createPrismaClient(restoredUrl);
    try {
      await run('pg_restore', ['--no-owner', '--no-privileges', `--dbname=${restoredUrl}`, dumpFile]);
      const oldPerson = await restored.missingPerson.findFirstOrThrow({ where: { caseId: purged } });
      const oldCaseKey = await restored.caseKey.findFirstOrThrow({ where: { caseId: purged } });
      const oldOrgKey = await restored.organizationKey.findFirstOrThrow({ where: { organizationId: orgId } });
      const keys = t.config.keys;
      // Its organisation key is under a KEK version that no longer exists...
      expect(() => keys.unwrap(oldOrgKey.wrappedKey, { kind: 'organisation-key', organizationId: orgId, version: oldOrgKey.version })).toThrow(
        DecryptionError,
      );
      // ...and the current organisation key does not open the purged case's key either.
      const currentOrgKey = keys.unwrap(liveOrgKey!.wrappedKey, { kind: 'organisation-key', organizationId: orgId, version: liveOrgKey!.version });
      const caseKeyName = { kind: 'case-key', organizationId: orgId, caseId: purged, version: oldCaseKey.version } as const;
      expect(() => unwrapKey(oldCaseKey.wrappedKey, [{ version: oldCaseKey.orgKeyVersion, key: currentOrgKey }], caseKeyName)).toThrow(
        DecryptionError,
      );
      expect(() => decryptString(oldPerson.fullNameLatinEnc!, [], personFieldContext(orgId, oldPerson.id, 'full_name_latin_enc'))).toThrow(
        DecryptionError,
      );
      // Nor can the current blind-index key confirm the purged CNIC against the old dump.
      const guess = keys.blindIndex.forOrganisation(orgId, currentOrgKey).nationalId('42101-9876543-2', 'PK');
      expect(Buffer.from(guess!).equals(Buffer.from(oldPerson.nationalIdBidx!))).toBe(false);
    } finally {
      await restored.$disconnect();
      await server.query(`drop database if exists "${restoredName}" with (force)`);
      await server.end();
    }
  });
});
