import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const mother = {
  relationship: 'MOTHER',
  name: 'نسرین بی بی',
  phones: ['+92 321 4445556'],
  address: 'House 12, Mohalla Qadirabad, Quetta',
  notes: 'Speaks Brahui; call after Asr',
  userId: null,
};

const brother = { relationship: 'BROTHER', name: 'Sameer Baloch Relative', phones: [], address: null, notes: null, userId: null };

describe('the relatives of the missing person', () => {
  let t: TestApp;
  let orgId: string;
  let cookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (): Promise<string> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const create = (caseId: string, body: object, as = cookie) =>
    request(t.http).post(`/cases/${caseId}/relatives`).set(origin()).set('Cookie', as).send(body);
  const update = (caseId: string, id: string, body: object, as = cookie) =>
    request(t.http).put(`/cases/${caseId}/relatives/${id}`).set(origin()).set('Cookie', as).send(body);
  const remove = (caseId: string, id: string, as = cookie) =>
    request(t.http).delete(`/cases/${caseId}/relatives/${id}`).set(origin()).set('Cookie', as);
  const list = (caseId: string, as = cookie) => request(t.http).get(`/cases/${caseId}/relatives`).set('Cookie', as);
  const writes = async (caseId: string) => ({
    rows: await t.database.prisma.relative.findMany({ where: { caseId }, select: { id: true, version: true }, orderBy: { id: 'asc' } }),
    audit: await t.database.prisma.auditEvent.count({ where: { caseId, entity: 'relative', action: { not: 'read' } } }),
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

  it('adds, lists, links, updates and removes relatives, encrypted and audited without values', async () => {
    const caseId = await openCase();
    const family = await makeUser(t, { organizationId: orgId, role: 'FAMILY', displayName: 'Nasreen (family account)' });

    const created = await create(caseId, mother);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      caseId,
      ...mother,
      userName: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;
    expect((await create(caseId, brother)).status).toBe(201);

    const listed = await list(caseId);
    expect(listed.status).toBe(200);
    expect(listed.body.relatives.map((relative: { name: string }) => relative.name)).toEqual([mother.name, brother.name]);
    expect(listed.body.relatives[0]).toEqual(created.body);

    const linked = await update(caseId, id, { ...mother, phones: [], userId: family.id, version: 1 });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ phones: [], userId: family.id, userName: 'Nasreen (family account)', version: 2 });
    expect((await list(caseId)).body.relatives[0]).toMatchObject({ userName: 'Nasreen (family account)', version: 2 });

    const row = await t.database.prisma.relative.findUniqueOrThrow({ where: { id } });
    expect(row.phonesEnc).toBeNull();
    expect(Buffer.from(row.nameEnc).toString('utf8')).not.toContain('نسرین');
    expect(Buffer.from(row.notesEnc!).toString('latin1')).not.toContain('Brahui');

    expect((await remove(caseId, id)).status).toBe(204);
    expect((await remove(caseId, id)).status).toBe(404);
    expect((await list(caseId)).body.relatives).toHaveLength(1);

    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId, entity: 'relative', entityId: id },
      orderBy: { seq: 'asc' },
      select: { action: true, fields: true },
    });
    expect(events.map((event) => event.action)).toEqual(['create', 'read', 'update', 'read', 'delete']);
    expect(events[0]!.fields).toEqual(['relationship', 'name', 'phones', 'address', 'notes', 'userId']);
    expect(JSON.stringify(events)).not.toMatch(/نسرین|Brahui|4445556|Quetta/);
  });

  it('refuses a linked account that is not an active FAMILY member of the organisation, writing nothing', async () => {
    const caseId = await openCase();
    const before = await writes(caseId);
    const caseworker = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    const outsider = await makeUser(t, { organizationId: (await makeOrg(t)).id, role: 'FAMILY' });
    const disabled = await makeUser(t, { organizationId: orgId, role: 'FAMILY' });
    await t.database.prisma.membership.updateMany({ where: { userId: disabled.id }, data: { disabledAt: new Date() } });

    for (const userId of [caseworker.id, outsider.id, disabled.id]) {
      const response = await create(caseId, { ...mother, userId });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual({ userId: ['Choose an active family member of this organisation'] });
    }
    expect(await writes(caseId)).toEqual(before);
  });

  it('refuses bad input with field messages and stale versions with 409, writing nothing', async () => {
    const caseId = await openCase();
    const created = await create(caseId, mother);
    const id = created.body.id as string;
    expect((await update(caseId, id, { ...mother, notes: 'Moved to Karachi', version: 1 })).status).toBe(200);
    const before = await writes(caseId);

    const refused = async (response: request.Response) => {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      return response.body.error.fields as Record<string, string[]>;
    };
    expect(await refused(await create(caseId, { ...mother, relationship: 'COUSIN' }))).toEqual({ relationship: ['Choose how they are related'] });
    expect(await refused(await create(caseId, { ...mother, name: '  ' }))).toEqual({ name: ['Enter a name'] });
    expect(await refused(await create(caseId, { ...mother, phones: ['call me'] }))).toEqual({
      'phones.0': ['Enter a phone number with digits, spaces, +, - and brackets only'],
    });
    expect(await refused(await create(caseId, { ...mother, cnic: '42101-1234567-1' }))).toEqual({ cnic: ['Unknown field'] });
    expect(await refused(await update(caseId, id, { ...mother }))).toEqual({ version: ['Send the version you last read'] });

    const stale = await update(caseId, id, { ...mother, notes: 'x', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect(await writes(caseId)).toEqual(before);
  });

  it('fails to read a name copied from another relative instead of showing it', async () => {
    const caseId = await openCase();
    const first = (await create(caseId, mother)).body.id as string;
    const second = (await create(caseId, brother)).body.id as string;
    await t.database.prisma.$executeRaw`
      update relatives r set name_enc = o.name_enc from relatives o
      where r.id in (${first}::uuid, ${second}::uuid) and o.id in (${first}::uuid, ${second}::uuid) and o.id <> r.id`;
    const read = await list(caseId);
    expect(read.status).toBe(500);
    expect(JSON.stringify(read.body)).not.toMatch(/نسرین|Sameer/);
  });

  it('answers 404 on every route to another organisation and to a relative of another case, writing nothing', async () => {
    const caseId = await openCase();
    const id = (await create(caseId, mother)).body.id as string;
    const otherCase = await openCase();
    const otherOrg = (await makeOrg(t)).id;
    const stranger = await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' });
    const strangerCookie = await signIn(t, stranger.id, otherOrg);
    const before = await writes(caseId);

    expect((await list(caseId, strangerCookie)).status).toBe(404);
    expect((await create(caseId, brother, strangerCookie)).status).toBe(404);
    expect((await update(caseId, id, { ...brother, version: 1 }, strangerCookie)).status).toBe(404);
    expect((await remove(caseId, id, strangerCookie)).status).toBe(404);
    expect((await update(otherCase, id, { ...brother, version: 1 })).status).toBe(404);
    expect((await remove(otherCase, id)).status).toBe(404);
    expect(await writes(caseId)).toEqual(before);
  });
});
