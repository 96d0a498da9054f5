import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const visit = { kind: 'VISIT', occurred: { from: '2024-05-02', to: null }, body: 'ملاقات: والدہ سے گھر پر ملاقات ہوئی' };

describe('the case diary', () => {
  let t: TestApp;
  let orgId: string;
  let authorId: string;
  let cookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (): Promise<string> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const create = (caseId: string, body: object, as = cookie) =>
    request(t.http).post(`/cases/${caseId}/diary`).set(origin()).set('Cookie', as).send(body);
  const update = (caseId: string, id: string, body: object, as = cookie) =>
    request(t.http).put(`/cases/${caseId}/diary/${id}`).set(origin()).set('Cookie', as).send(body);
  const remove = (caseId: string, id: string, as = cookie) =>
    request(t.http).delete(`/cases/${caseId}/diary/${id}`).set(origin()).set('Cookie', as);
  const list = (caseId: string, query = '', as = cookie) => request(t.http).get(`/cases/${caseId}/diary${query}`).set('Cookie', as);
  const writes = async (caseId: string) => ({
    rows: await t.database.prisma.diaryEntry.findMany({ where: { caseId }, select: { id: true, version: true }, orderBy: { id: 'asc' } }),
    audit: await t.database.prisma.auditEvent.count({ where: { caseId, entity: 'diary_entry', action: { not: 'read' } } }),
  });
  const member = async (level: 'VIEW' | 'CONTRIBUTE' | 'MANAGE', caseId: string, displayName?: string) => {
    const user = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER', displayName });
    await makeGrant(t, { caseId, userId: user.id, level });
    return { id: user.id, cookie: await signIn(t, user.id, orgId) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    const caseworker = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER', displayName: 'Zainab (caseworker)' });
    authorId = caseworker.id;
    cookie = await signIn(t, caseworker.id, orgId);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('writes, pages newest first, updates and deletes entries, encrypted and audited without values', async () => {
    const caseId = await openCase();
    const created = await create(caseId, visit);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      caseId,
      ...visit,
      authorId,
      authorName: 'Zainab (caseworker)',
      canEdit: true,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const visitId = created.body.id as string;
    const call = await create(caseId, { kind: 'CALL', occurred: { from: '2024-06' }, body: 'SHO Saddar called back' });
    const police = await create(caseId, { kind: 'POLICE_CONTACT', occurred: { from: '2024-06' }, body: 'FIR refused again' });
    const media = await create(caseId, { kind: 'MEDIA', occurred: { from: '2023', to: '2024' }, body: 'Press club protest' });
    for (const response of [call, police, media]) expect(response.status).toBe(201);

    // Newest occurred first; on the same day, the later written first; pages joined by the cursor.
    const first = await list(caseId, '?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.entries.map((entry: { id: string }) => entry.id)).toEqual([police.body.id, call.body.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list(caseId, `?limit=2&cursor=${first.body.nextCursor as string}`);
    expect(second.body.entries.map((entry: { id: string }) => entry.id)).toEqual([visitId, media.body.id]);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.entries[0]).toEqual(created.body);
    expect(second.body.entries[1].occurred).toEqual({ from: '2023', to: '2024' });

    const updated = await update(caseId, visitId, { ...visit, kind: 'OTHER', version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ kind: 'OTHER', version: 2, body: visit.body });
    expect((await remove(caseId, visitId)).status).toBe(204);
    expect((await list(caseId)).body.entries).toHaveLength(3);

    const row = await t.database.prisma.diaryEntry.findUniqueOrThrow({ where: { id: call.body.id as string } });
    expect(Buffer.from(row.bodyEnc).toString('latin1')).not.toContain('Saddar');
    expect(row).toMatchObject({ occurredPrecision: 'MONTH', authorId });

    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId, entity: 'diary_entry', entityId: visitId },
      orderBy: { seq: 'asc' },
      select: { action: true, fields: true },
    });
    expect(events.map((event) => event.action)).toEqual(['create', 'read', 'update', 'delete']);
    expect(events[0]!.fields).toEqual(['kind', 'occurred', 'body']);
    expect(JSON.stringify(await t.database.prisma.auditEvent.findMany({ where: { caseId } }), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(
      /Saddar|FIR refused|ملاقات/,
    );
  });

  it('lets only the author or a manager change an entry, and break-glass only read', async () => {
    const caseId = await openCase();
    const id = (await create(caseId, visit)).body.id as string;
    const contributor = await member('CONTRIBUTE', caseId);
    const manager = await member('MANAGE', caseId);
    const viewer = await member('VIEW', caseId);
    const before = await writes(caseId);

    expect((await list(caseId, '', contributor.cookie)).body.entries[0]).toMatchObject({ id, canEdit: false });
    expect((await update(caseId, id, { ...visit, version: 1 }, contributor.cookie)).status).toBe(404);
    expect((await remove(caseId, id, contributor.cookie)).status).toBe(404);
    expect((await create(caseId, visit, viewer.cookie)).status).toBe(404);
    expect((await list(caseId, '', viewer.cookie)).body.entries[0]).toMatchObject({ canEdit: false });

    const glass = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    await makeGrant(t, { caseId, userId: glass.id, level: 'VIEW', breakGlass: true });
    const glassCookie = await signIn(t, glass.id, orgId);
    expect((await list(caseId, '', glassCookie)).status).toBe(200);
    expect((await create(caseId, visit, glassCookie)).status).toBe(404);
    expect(await writes(caseId)).toEqual(before);

    expect((await update(caseId, id, { ...visit, body: 'Corrected by the manager', version: 1 }, manager.cookie)).status).toBe(200);
    expect((await remove(caseId, id, manager.cookie)).status).toBe(204);
  });

  it('refuses impossible, reversed and future dates, unknown kinds and fields, bad cursors and stale versions, writing nothing', async () => {
    const caseId = await openCase();
    const id = (await create(caseId, visit)).body.id as string;
    expect((await update(caseId, id, { ...visit, body: 'second', version: 1 })).status).toBe(200);
    const before = await writes(caseId);
    const refused = async (response: request.Response) => {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      return response.body.error.fields as Record<string, string[]>;
    };
    const tomorrowPlusOne = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

    expect(await refused(await create(caseId, { ...visit, occurred: { from: '2023-02-29' } }))).toEqual({
      'occurred.from': ['This date does not exist'],
    });
    expect(await refused(await create(caseId, { ...visit, occurred: { from: '2024-05-02', to: '2024-04-30' } }))).toEqual({
      'occurred.to': ['The end of the range is before its start'],
    });
    expect(await refused(await create(caseId, { ...visit, occurred: { from: tomorrowPlusOne } }))).toEqual({
      'occurred.from': ['This date is in the future'],
    });
    expect(await refused(await create(caseId, { ...visit, kind: 'LETTER' }))).toEqual({ kind: ['Choose what kind of entry this is'] });
    expect(await refused(await create(caseId, { ...visit, body: ' ' }))).toEqual({ body: ['Write what happened'] });
    expect(await refused(await create(caseId, { ...visit, authorId }))).toEqual({ authorId: ['Unknown field'] });
    expect(await refused(await update(caseId, id, { ...visit }))).toEqual({ version: ['Send the version you last read'] });
    expect(await refused(await list(caseId, '?cursor=nonsense'))).toEqual({ cursor: ['Not a valid page cursor'] });
    expect(await refused(await list(caseId, '?limit=1000'))).toEqual({ limit: ['At most 100'] });

    const stale = await update(caseId, id, { ...visit, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect(await writes(caseId)).toEqual(before);
  });

  it('fails to read a body copied from another entry instead of showing it', async () => {
    const caseId = await openCase();
    const first = (await create(caseId, visit)).body.id as string;
    const second = (await create(caseId, { ...visit, body: 'Met the Commission registrar' })).body.id as string;
    await t.database.prisma.$executeRaw`
      update diary_entries d set body_enc = o.body_enc from diary_entries o
      where d.id in (${first}::uuid, ${second}::uuid) and o.id in (${first}::uuid, ${second}::uuid) and o.id <> d.id`;
    const read = await list(caseId);
    expect(read.status).toBe(500);
    expect(JSON.stringify(read.body)).not.toMatch(/registrar|ملاقات/);
  });

  it('answers 404 on every route to another organisation and to an entry of another case, writing nothing', async () => {
    const caseId = await openCase();
    const id = (await create(caseId, visit)).body.id as string;
    const otherCase = await openCase();
    const otherOrg = (await makeOrg(t)).id;
    const stranger = await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' });
    const strangerCookie = await signIn(t, stranger.id, otherOrg);
    const before = await writes(caseId);

    expect((await list(caseId, '', strangerCookie)).status).toBe(404);
    expect((await create(caseId, visit, strangerCookie)).status).toBe(404);
    expect((await update(caseId, id, { ...visit, version: 1 }, strangerCookie)).status).toBe(404);
    expect((await remove(caseId, id, strangerCookie)).status).toBe(404);
    expect((await update(otherCase, id, { ...visit, version: 1 })).status).toBe(404);
    expect((await remove(otherCase, id)).status).toBe(404);
    expect(await writes(caseId)).toEqual(before);
  });
});
