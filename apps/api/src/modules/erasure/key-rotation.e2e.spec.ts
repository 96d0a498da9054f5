import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptString, generateKeyFile, readKeyFile, unwrapKey, writeKeyFile } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import { normaliseCaseNumber, proceedingFieldContext } from '../proceedings/proceeding-fields';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { isUnderVersion, rotateKeys, stageNewKekVersion } from './key-rotation';

describe('npm run keys:rotate', () => {
  let t: TestApp;
  let directory: string;
  let keyFile: string;
  let orgId: string;
  let cookie: string;
  let caseId: string;
  let userId: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'lapata-rotation-'));
    keyFile = join(directory, 'keys.json');
    writeKeyFile(keyFile, generateKeyFile());
    t = await startTestApp({
      env: { LAPATA_KEY_FILE: keyFile, LAPATA_MASTER_KEY: '', LAPATA_BLIND_INDEX_KEY: '', LAPATA_AUDIT_SIGNING_KEY: '' },
    });
    orgId = (await makeOrg(t)).id;
    userId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER', displayName: 'Ayesha Khan' })).id;
    cookie = await signIn(t, userId, orgId);
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    caseId = created.body.id as string;
    const put = await request(t.http)
      .put(`/cases/${caseId}/person`)
      .set(origin())
      .set('Cookie', cookie)
      .send({
        fullNameNative: 'زاہد بلوچ',
        fullNameLatin: 'Zahid Baloch',
        aliases: ['Zahid Jan'],
        guardianName: null,
        guardianRelation: null,
        sex: 'MALE',
        nationalIdCountry: 'PK',
        nationalId: '42101-7654321-3',
        phones: [],
        occupation: null,
        physicalDescription: null,
      });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  /** Reads the person and the trail (which decrypts account names) until stopped; every answer must be 200. */
  function keepReading(): { stop: () => Promise<number[]> } {
    const statuses: number[] = [];
    let running = true;
    const loop = (async () => {
      while (running) {
        statuses.push((await request(t.http).get(`/cases/${caseId}/person`).set('Cookie', cookie)).status);
        statuses.push((await request(t.http).get(`/cases/${caseId}/audit`).set('Cookie', cookie)).status);
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return statuses;
      },
    };
  }

  const readsStillWork = async () => {
    const person = await request(t.http).get(`/cases/${caseId}/person`).set('Cookie', cookie);
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ fullNameLatin: 'Zahid Baloch', nationalId: '42101-7654321-3', aliases: ['Zahid Jan'] });
    const trail = await request(t.http).get(`/cases/${caseId}/audit`).set('Cookie', cookie);
    expect(trail.status).toBe(200);
    expect(trail.body.items[0]).toMatchObject({ actorName: 'Ayesha Khan', actorRole: 'CASEWORKER' });
  };

  it('moves every organisation key and account value to a new KEK version while the API keeps answering, then retires the old one', async () => {
    const before = readKeyFile(keyFile).file.current;
    const reader = keepReading();
    const result = await rotateKeys(t.database.prisma, {
      keyFile: { path: keyFile },
      graceMs: 0,
      afterStage: async () => {
        t.config.reloadKeys();
        // Reads go on against a ring holding both versions while the rows move.
        await new Promise((resolve) => setTimeout(resolve, 100));
      },
    });
    const statuses = await reader.stop();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(result).toMatchObject({ kekVersion: before + 1, retiredKekVersions: [before] });
    expect(result.organisationKeysRewrapped).toBeGreaterThanOrEqual(1);
    expect(result.accountValuesReencrypted).toBeGreaterThanOrEqual(2);

    // The old version is gone from the key file; after the API re-reads it, everything still decrypts.
    expect(Object.keys(readKeyFile(keyFile).file.kek)).toEqual([String(before + 1)]);
    t.config.reloadKeys();
    expect(t.config.keys.kekVersions).toEqual([before + 1]);
    await readsStillWork();
    const user = await t.database.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(isUnderVersion(user.emailEnc, before + 1)).toBe(true);
    expect(await t.database.prisma.organizationKey.count({ where: { kekVersion: before } })).toBe(0);
  });

  it('lets a running API pick up a changed key file by itself (KeyFileWatcher polls it)', async () => {
    const before = t.config.keys.currentKekVersion;
    stageNewKekVersion({ path: keyFile });
    const deadline = Date.now() + 10_000;
    while (t.config.keys.currentKekVersion === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(t.config.keys.currentKekVersion).toBe(before + 1);
    expect(t.config.keys.kekVersions).toEqual([before, before + 1]);
    await readsStillWork();
  });

  it('with --organisation-keys, also replaces each organisation key: case keys re-wrapped, blind indexes recomputed', async () => {
    // A court case number, blind-indexed with the organisation key (as ProceedingService stores it).
    const prisma = t.database.prisma;
    const caseNumber = 'C.P. No. D-1234 of 2019';
    const orgKeyRow = await prisma.organizationKey.findFirstOrThrow({ where: { organizationId: orgId } });
    const orgKey = t.config.keys.unwrap(orgKeyRow.wrappedKey, { kind: 'organisation-key', organizationId: orgId, version: orgKeyRow.version });
    const caseKeyRow = await prisma.caseKey.findFirstOrThrow({ where: { caseId } });
    const caseKey = unwrapKey(caseKeyRow.wrappedKey, [{ version: orgKeyRow.version, key: orgKey }], {
      kind: 'case-key',
      organizationId: orgId,
      caseId,
      version: caseKeyRow.version,
    });
    const kind = await prisma.forumKind.findFirstOrThrow({ select: { id: true } });
    const forum = await prisma.forum.create({ data: { organizationId: orgId, kindId: kind.id, name: 'Sindh High Court' } });
    const proceedingId = uuidv7();
    const oldCaseNumberIndex = t.config.keys.blindIndex.forOrganisation(orgId, orgKey).value('case-number', normaliseCaseNumber(caseNumber)!);
    await prisma.proceeding.create({
      data: {
        id: proceedingId,
        organizationId: orgId,
        caseId,
        forumId: forum.id,
        type: 'PETITION',
        caseNumberEnc: new Uint8Array(
          encryptString(caseNumber, { version: caseKeyRow.version, key: caseKey }, proceedingFieldContext(orgId, proceedingId, 'case_number_enc')),
        ),
        caseNumberBidx: new Uint8Array(oldCaseNumberIndex),
      },
    });
    const oldIndex = (await t.database.prisma.missingPerson.findFirstOrThrow({ where: { caseId } })).nationalIdBidx;
    const oldTokens = await t.database.prisma.personNameToken.count({ where: { organizationId: orgId } });
    const result = await rotateKeys(t.database.prisma, {
      keyFile: { path: keyFile },
      graceMs: 0,
      organisationKeys: true,
      afterStage: () => void t.config.reloadKeys(),
    });
    t.config.reloadKeys();
    expect(result.organisationKeysReplaced).toBeGreaterThanOrEqual(1);
    const keys = await t.database.prisma.organizationKey.findMany({ where: { organizationId: orgId } });
    expect(keys.map((key) => key.version)).toEqual([2]);
    expect((await t.database.prisma.caseKey.findFirstOrThrow({ where: { caseId } })).orgKeyVersion).toBe(2);
    const person = await t.database.prisma.missingPerson.findFirstOrThrow({ where: { caseId } });
    expect(Buffer.from(person.nationalIdBidx!).equals(Buffer.from(oldIndex!))).toBe(false);
    expect(await t.database.prisma.personNameToken.count({ where: { organizationId: orgId } })).toBe(oldTokens);
    await readsStillWork();

    // The index is the one PersonService computes: an update with the same CNIC keeps matching.
    const organisationKey = t.config.keys.unwrap(keys[0]!.wrappedKey, { kind: 'organisation-key', organizationId: orgId, version: 2 });
    const expected = t.config.keys.blindIndex.forOrganisation(orgId, organisationKey).nationalId('42101-7654321-3', 'PK');
    expect(Buffer.from(expected!).equals(Buffer.from(person.nationalIdBidx!))).toBe(true);
    const proceeding = await prisma.proceeding.findUniqueOrThrow({ where: { id: proceedingId } });
    const index = t.config.keys.blindIndex.forOrganisation(orgId, organisationKey);
    expect(Buffer.from(proceeding.caseNumberBidx!).equals(Buffer.from(oldCaseNumberIndex))).toBe(false);
    expect(Buffer.from(proceeding.caseNumberBidx!).equals(Buffer.from(index.value('case-number', normaliseCaseNumber(caseNumber)!)))).toBe(true);
  });
});
