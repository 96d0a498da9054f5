import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const taken = {
  lastSeen: { from: '2017-03', to: '2017-04' },
  lastSeenPlace: 'گلشن اقبال بلاک 13، کراچی',
  circumstances: 'Taken from a tea stall near Safoora Chowrangi at about 11 pm',
  perpetrators: [{ agency: 'Plain-clothes men', unit: null, vehicle: 'White Vigo, no plates', description: 'Four men, two in uniform' }],
  witnesses: [{ name: 'Shakeel Baloch Witness', contact: '0300 5556667', statement: 'Saw them push him into the vehicle' }],
};

const other = {
  lastSeen: { from: '2011', to: null },
  lastSeenPlace: 'Turbat bazaar',
  circumstances: 'Left for work in Gwadar and never arrived',
  perpetrators: [],
  witnesses: [],
};

describe('the disappearance record', () => {
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
    request(t.http).put(`/cases/${caseId}/disappearance`).set(origin()).set('Cookie', as).send(body);
  const get = (caseId: string, as = cookie) => request(t.http).get(`/cases/${caseId}/disappearance`).set('Cookie', as);
  const writes = async (caseId: string) => ({
    rows: await t.database.prisma.disappearance.count({ where: { caseId } }),
    version: (await t.database.prisma.disappearance.findUnique({ where: { caseId }, select: { version: true } }))?.version ?? null,
    audit: await t.database.prisma.auditEvent.count({ where: { caseId, entity: 'disappearance' } }),
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

  it('records, updates and reads back a disappearance, the date in clear and the rest encrypted, audited without values', async () => {
    const caseId = await openCase();
    expect((await get(caseId)).status).toBe(404);

    const created = await put(caseId, taken);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ caseId, ...taken, version: 1, updatedAt: expect.any(String) });
    expect((await get(caseId)).body).toEqual(created.body);

    const updated = await put(caseId, { ...taken, lastSeen: { from: '2017-03-14' }, witnesses: [], version: 1 });
    expect(updated.status).toBe(200);
    const read = await get(caseId);
    expect(read.body).toEqual({ caseId, ...taken, lastSeen: { from: '2017-03-14', to: null }, witnesses: [], version: 2, updatedAt: expect.any(String) });

    const row = await t.database.prisma.disappearance.findUniqueOrThrow({ where: { caseId } });
    expect(row.lastSeenFrom?.toISOString().slice(0, 10)).toBe('2017-03-14');
    expect(row.lastSeenTo?.toISOString().slice(0, 10)).toBe('2017-03-14');
    expect(row.lastSeenPrecision).toBe('DAY');
    expect(row.witnessesEnc).toBeNull();
    for (const column of [row.lastSeenPlaceEnc, row.circumstancesEnc, row.perpetratorsEnc]) {
      expect(Buffer.from(column!).toString('latin1')).not.toMatch(/Safoora|Vigo|گلشن/);
    }

    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId, entity: 'disappearance' },
      orderBy: { seq: 'asc' },
      select: { action: true, fields: true, entityId: true },
    });
    expect(events.map((event) => event.action)).toEqual(['create', 'read', 'update', 'read']);
    expect(events[0]!.fields).toEqual(['lastSeen', 'lastSeenPlace', 'circumstances', 'perpetrators', 'witnesses']);
    expect(events.every((event) => event.entityId === row.id)).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Safoora|Vigo|Shakeel|2017/);
  });

  it('refuses impossible, reversed and future dates, empty perpetrators and unknown fields, writing nothing', async () => {
    const caseId = await openCase();
    expect((await put(caseId, other)).status).toBe(200);
    const before = await writes(caseId);
    const refused = async (body: object) => {
      const response = await put(caseId, { ...other, ...body, version: 1 });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      return response.body.error.fields as Record<string, string[]>;
    };
    const nextYear = String(new Date().getUTCFullYear() + 1);

    expect(await refused({ lastSeen: { from: '2017-02-31' } })).toEqual({ 'lastSeen.from': ['This date does not exist'] });
    expect(await refused({ lastSeen: { from: '2017-06', to: '2017-05' } })).toEqual({
      'lastSeen.to': ['The end of the range is before its start'],
    });
    expect(await refused({ lastSeen: { from: `${nextYear}-01-01` } })).toEqual({ 'lastSeen.from': ['This date is in the future'] });
    expect(await refused({ lastSeen: { from: '12/06/2017' } })).toEqual({
      'lastSeen.from': ['Enter a year (1994), a month (1994-06) or a full date (1994-06-12)'],
    });
    expect(await refused({ perpetrators: [{ agency: ' ', unit: null, vehicle: null, description: null }] })).toEqual({
      'perpetrators.0.agency': ['Describe who took them, or remove the entry'],
    });
    expect(await refused({ witnesses: [{ name: '', contact: null, statement: null }] })).toEqual({
      'witnesses.0.name': ["Enter the witness's name"],
    });
    expect(await refused({ religion: 'x' })).toEqual({ religion: ['Unknown field'] });
    expect(await refused({ perpetrators: [{ agency: 'x', rank: 'y' }] })).toEqual({ 'perpetrators.0.rank': ['Unknown field'] });

    expect(await writes(caseId)).toEqual(before);
  });

  it('answers a stale version with 409 and the current version, and an update without one with 400', async () => {
    const caseId = await openCase();
    expect((await put(caseId, other)).status).toBe(200);
    expect((await put(caseId, { ...other, lastSeenPlace: 'Kech', version: 1 })).status).toBe(200);
    const before = await writes(caseId);

    const stale = await put(caseId, { ...other, lastSeenPlace: 'Panjgur', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const versionless = await put(caseId, { ...other, lastSeenPlace: 'Panjgur' });
    expect(versionless.status).toBe(400);
    expect(versionless.body.error.fields).toEqual({ version: ['Send the version you last read'] });

    expect(await writes(caseId)).toEqual(before);
    expect((await get(caseId)).body).toMatchObject({ lastSeenPlace: 'Kech', version: 2 });
  });

  it('fails to read circumstances copied from another case instead of showing them', async () => {
    const first = await openCase();
    const second = await openCase();
    expect((await put(first, taken)).status).toBe(200);
    expect((await put(second, other)).status).toBe(200);

    await t.database.prisma.$executeRaw`
      update disappearances d set circumstances_enc = o.circumstances_enc
      from disappearances o
      where d.case_id in (${first}::uuid, ${second}::uuid) and o.case_id in (${first}::uuid, ${second}::uuid) and o.id <> d.id`;

    for (const caseId of [first, second]) {
      const read = await get(caseId);
      expect(read.status).toBe(500);
      expect(JSON.stringify(read.body)).not.toMatch(/Safoora|Gwadar/);
    }
  });

  it('answers 404 to another organisation and to a member without a grant, and lets break-glass read but not write', async () => {
    const caseId = await openCase();
    expect((await put(caseId, taken)).status).toBe(200);
    const otherOrg = (await makeOrg(t)).id;
    const stranger = await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' });
    const strangerCookie = await signIn(t, stranger.id, otherOrg);
    const colleague = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    const colleagueCookie = await signIn(t, colleague.id, orgId);
    const before = await writes(caseId);

    for (const as of [strangerCookie, colleagueCookie]) {
      const read = await get(caseId, as);
      expect(read.status).toBe(404);
      expect(read.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Not found.' });
      expect((await put(caseId, { ...other, version: 1 }, as)).status).toBe(404);
    }
    expect(await writes(caseId)).toEqual(before);

    await makeGrant(t, { caseId, userId: colleague.id, level: 'VIEW', breakGlass: true });
    const glassRead = await get(caseId, colleagueCookie);
    expect(glassRead.status).toBe(200);
    expect((await put(caseId, { ...other, version: 1 }, colleagueCookie)).status).toBe(404);
    const glassEvent = await t.database.prisma.auditEvent.findFirstOrThrow({
      where: { caseId, entity: 'disappearance', actorId: colleague.id },
    });
    expect(glassEvent).toMatchObject({ action: 'read', breakGlass: true });
    expect((await get(caseId)).body.version).toBe(1);
  });

  it('keeps another organisation out even with a case of its own', async () => {
    const otherOrg = (await makeOrg(t)).id;
    const theirCase = await makeCase(t, otherOrg);
    expect((await put(theirCase.id, other)).status).toBe(404);
    expect(await t.database.prisma.disappearance.count({ where: { caseId: theirCase.id } })).toBe(0);
  });
});
