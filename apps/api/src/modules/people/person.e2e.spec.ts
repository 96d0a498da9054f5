import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const run = promisify(execFile);

const amina = {
  fullNameNative: 'آمنہ بی بی',
  fullNameLatin: 'Amina Bibi Qasrani',
  aliases: ['Ammi Jaan Qasrani'],
  guardianName: 'Ghulam Rasool Qasrani',
  guardianRelation: 'HUSBAND',
  sex: 'FEMALE',
  nationalIdCountry: 'PK',
  nationalId: '42101-9876543-2',
  phones: ['+92 300 7654321'],
  dateOfBirth: { from: '1981-03', to: null },
  addresses: [{ kind: 'HOME', text: 'Gali 4, near the Lyari market' }],
  occupation: 'Schoolteacher in Lyari',
  physicalDescription: 'Scar above the left eyebrow',
};

const bilal = {
  ...amina,
  fullNameNative: 'بلال احمد',
  fullNameLatin: 'Bilal Ahmed Zardari',
  aliases: [],
  guardianName: 'Nawaz Ahmed Zardari',
  guardianRelation: 'FATHER',
  sex: 'MALE',
  nationalId: '35202-1234567-9',
  phones: ['0333 1112223'],
  dateOfBirth: null,
  addresses: [],
  occupation: null,
  physicalDescription: null,
};

describe('the missing person record', () => {
  let t: TestApp;
  let orgId: string;
  let cookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (): Promise<string> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const put = (caseId: string, body: object, as = cookie) =>
    request(t.http).put(`/cases/${caseId}/person`).set(origin()).set('Cookie', as).send(body);
  const get = (caseId: string, as = cookie) => request(t.http).get(`/cases/${caseId}/person`).set('Cookie', as);
  const writes = async (caseId: string) => ({
    people: await t.database.prisma.missingPerson.count({ where: { caseId } }),
    audit: await t.database.prisma.auditEvent.count({ where: { caseId, entity: 'missing_person' } }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    const caseworker = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    cookie = await signIn(t, caseworker.id, orgId);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives a new case a data key wrapped by the organisation key', async () => {
    const caseId = await openCase();
    const keys = await t.database.prisma.caseKey.findMany({ where: { caseId } });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ organizationId: orgId, version: 1, orgKeyVersion: 1 });
    expect(keys[0]!.wrappedKey).toHaveLength(65);
  });

  it('records, updates and reads back a person, encrypted, indexed and audited without values', async () => {
    const caseId = await openCase();
    expect((await get(caseId)).status).toBe(404);

    const created = await put(caseId, amina);
    expect(created.status).toBe(200);
    const { duplicates, ...saved } = created.body;
    expect(saved).toEqual({ caseId, ...amina, version: 1, updatedAt: expect.any(String) });
    expect(duplicates).toEqual({ matches: [], hiddenMatches: false });
    expect((await get(caseId)).body).toEqual(saved);

    const updated = await put(caseId, { ...amina, fullNameLatin: 'Amina Qasrani', phones: [], version: 1 });
    expect(updated.status).toBe(200);
    const read = await get(caseId);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ caseId, ...amina, fullNameLatin: 'Amina Qasrani', phones: [], version: 2, updatedAt: expect.any(String) });

    const row = await t.database.prisma.missingPerson.findUniqueOrThrow({ where: { caseId } });
    expect(Buffer.from(row.fullNameLatinEnc!).toString('latin1')).not.toContain('Amina');
    expect(row.phonesEnc).toBeNull();
    expect(row.nationalIdBidx).toHaveLength(16);

    // Name tokens were rewritten with the update: the new Latin name's two words, not the old one's
    // three; repeated words count once per field.
    const tokens = await t.database.prisma.personNameToken.findMany({ where: { missingPersonId: row.id } });
    expect(tokens.filter((token) => token.field === 'fullNameLatin')).toHaveLength(2);
    expect(tokens.filter((token) => token.field === 'fullNameNative')).toHaveLength(2);
    expect(tokens.filter((token) => token.field === 'guardianName')).toHaveLength(3);

    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId, entity: 'missing_person' },
      orderBy: { seq: 'asc' },
      select: { action: true, fields: true, entityId: true },
    });
    expect(events.map((event) => event.action)).toEqual(['create', 'read', 'update', 'read']);
    expect(events[0]!.fields).toContain('nationalId');
    expect(events.every((event) => event.entityId === row.id)).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Amina|42101|7654321/);
  });

  it('refuses a bad CNIC, a missing name and unknown fields with field messages, writing nothing', async () => {
    const caseId = await openCase();
    const before = await writes(caseId);

    const badCnic = await put(caseId, { ...amina, nationalId: '4210198765432' });
    expect(badCnic.status).toBe(400);
    expect(badCnic.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { nationalId: ['Enter the CNIC as 12345-1234567-1'] },
    });

    const noName = await put(caseId, { ...amina, fullNameNative: '  ', fullNameLatin: null });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields).toEqual({ fullNameNative: ['Enter the name in at least one script'] });

    const unknown = await put(caseId, { ...amina, religion: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(unknown.body.error.fields)).toContain('religion');

    // Outside Pakistan the ID number is free text.
    const foreign = await put(caseId, { ...amina, nationalIdCountry: 'AF', nationalId: 'Tazkira 1398-0101-12345' });
    expect(foreign.status).toBe(200);
    expect(await writes(caseId)).toEqual({ people: before.people + 1, audit: before.audit + 1 });
  });

  it('answers a stale version with 409 and the current version, and an update without one with 400', async () => {
    const caseId = await openCase();
    expect((await put(caseId, amina)).status).toBe(200);
    expect((await put(caseId, { ...amina, occupation: 'Tailor', version: 1 })).status).toBe(200);
    const before = await writes(caseId);

    const stale = await put(caseId, { ...amina, occupation: 'Driver', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });

    const versionless = await put(caseId, { ...amina, occupation: 'Driver' });
    expect(versionless.status).toBe(400);
    expect(versionless.body.error.fields).toEqual({ version: ['Send the version you last read'] });

    expect(await writes(caseId)).toEqual(before);
    expect((await get(caseId)).body).toMatchObject({ occupation: 'Tailor', version: 2 });
  });

  it('fails to read a value copied from another person instead of showing it', async () => {
    const first = await openCase();
    const second = await openCase();
    expect((await put(first, amina)).status).toBe(200);
    expect((await put(second, bilal)).status).toBe(200);

    // As the database owner: swap the two persons' encrypted Latin names.
    await t.database.prisma.$executeRaw`
      update missing_persons m set full_name_latin_enc = o.full_name_latin_enc
      from missing_persons o
      where m.case_id in (${first}::uuid, ${second}::uuid) and o.case_id in (${first}::uuid, ${second}::uuid) and o.id <> m.id`;

    for (const caseId of [first, second]) {
      const read = await get(caseId);
      expect(read.status).toBe(500);
      expect(JSON.stringify(read.body)).not.toMatch(/Amina|Bilal|Qasrani|Zardari/);
    }
  });

  it('answers 404 on both routes to a member without a grant on the case, writing nothing', async () => {
    const caseId = await openCase();
    expect((await put(caseId, amina)).status).toBe(200);
    const outsider = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    const outsiderCookie = await signIn(t, outsider.id, orgId);
    const before = await writes(caseId);

    const read = await get(caseId, outsiderCookie);
    expect(read.status).toBe(404);
    expect(read.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Not found.' });
    const write = await put(caseId, { ...bilal, version: 1 }, outsiderCookie);
    expect(write.status).toBe(404);
    expect(await writes(caseId)).toEqual(before);
  });

  it('leaves no name, CNIC or phone number in clear in a pg_dump of the database', async (context) => {
    const caseId = await openCase();
    expect((await put(caseId, bilal)).status).toBe(200);

    const connectionString = t.database.connectionString;
    const [row] = await t.database.prisma.$queryRaw<{ server: number }[]>`select current_setting('server_version_num')::int / 10000 as server`;
    const server = row!.server;
    const { stdout: version } = await run('pg_dump', ['--version']);
    const client = Number(/(\d+)\.\d+/.exec(version)?.[1]);
    if (server > client) {
      context.skip(
        `pg_dump ${client} cannot dump PostgreSQL ${server}; run with TEST_DATABASE_URL pointing at a PostgreSQL ${client} server`,
      );
    }
    const { stdout: dump } = await run('pg_dump', ['--no-owner', '--data-only', connectionString], { maxBuffer: 256 * 1024 * 1024 });
    expect(dump).toContain('missing_persons');
    const seeded = [
      ...[amina, bilal].flatMap((person) => [person.fullNameNative, person.fullNameLatin, person.guardianName, person.nationalId, ...person.phones]),
      ...[amina, bilal].flatMap((person) => person.fullNameLatin.split(' ')),
      'Qasrani',
      'Zardari',
      '4210198765432',
      '3520212345679',
      '7654321',
      '1112223',
      'Schoolteacher',
    ];
    for (const value of seeded) expect(dump, value).not.toContain(value);
  });
});
