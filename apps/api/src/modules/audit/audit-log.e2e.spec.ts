import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe('audit read views', () => {
  let t: TestApp;
  let orgId: string;
  let caseworkerId: string;
  let caseworker: string;
  let adminId: string;
  let admin: string;
  let family: string;
  let outsiderAdmin: string;
  let caseA: string;
  let caseB: string;
  const origin = () => ({ Origin: t.config.publicUrl });
  const get = (path: string, as: string) => request(t.http).get(path).set('Cookie', as);

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    caseworkerId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER', displayName: 'Ayesha' })).id;
    caseworker = await signIn(t, caseworkerId, orgId);
    adminId = (await makeUser(t, { organizationId: orgId, role: 'ORG_ADMIN', displayName: 'Sana' })).id;
    admin = await signIn(t, adminId, orgId);
    const open = async () => (await request(t.http).post('/cases').set(origin()).set('Cookie', caseworker).send({ tags: [] })).body.id as string;
    caseA = await open();
    caseB = await open();
    const familyId = (await makeUser(t, { organizationId: orgId, role: 'FAMILY', displayName: 'Rashid' })).id;
    await makeGrant(t, { caseId: caseA, userId: familyId, level: 'VIEW' });
    family = await signIn(t, familyId, orgId);
    const otherOrg = (await makeOrg(t)).id;
    outsiderAdmin = await signIn(t, (await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' })).id, otherOrg);
    await request(t.http)
      .put(`/cases/${caseA}/person`)
      .set(origin())
      .set('Cookie', caseworker)
      .send({
        fullNameNative: null,
        fullNameLatin: 'Karim Baksh',
        aliases: [],
        guardianName: null,
        guardianRelation: null,
        sex: 'MALE',
        nationalIdCountry: null,
        nationalId: null,
        phones: [],
        occupation: null,
        physicalDescription: null,
      })
      .expect(200);
    await get(`/cases/${caseA}/person`, family).expect(200);
    await get(`/cases/${caseB}`, admin).expect(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("shows a family member with VIEW who looked at or changed their case, names of fields only, and nothing of another case", async () => {
    const response = await get(`/cases/${caseA}/audit`, family);
    expect(response.status).toBe(200);
    const items = response.body.items as { caseId: string; action: string; entity: string; actorName: string; actorRole: string; fields: string[] }[];
    expect(items.every((item) => item.caseId === caseA)).toBe(true);
    expect(items.map((item) => [item.actorName, item.actorRole, item.entity, item.action])).toEqual([
      ['Rashid', 'FAMILY', 'missing_person', 'read'],
      ['Ayesha', 'CASEWORKER', 'missing_person', 'create'],
      ['Ayesha', 'CASEWORKER', 'case', 'create'],
    ]);
    expect(items[0]!.fields).toContain('fullNameLatin');
    expect(JSON.stringify(response.body)).not.toContain('Karim');
    expect(response.body.nextCursor).toBeNull();
    // Reading the trail is not itself recorded (see AuditLogService).
    expect((await get(`/cases/${caseA}/audit`, family).expect(200)).body.items).toHaveLength(3);

    expect((await get(`/cases/${caseB}/audit`, family)).status).toBe(404);
    expect((await get(`/cases/${caseA}/audit`, outsiderAdmin)).status).toBe(404);
    expect((await get('/organizations/current/audit', family)).status).toBe(404);
    expect((await get('/organizations/current/audit', caseworker)).status).toBe(404);
  });

  it('lets the administrator filter the whole organisation by actor, case, action, entity and dates', async () => {
    const all = await get('/organizations/current/audit', admin).expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(5);
    const byActor = await get(`/organizations/current/audit?actorId=${adminId}`, admin).expect(200);
    expect(byActor.body.items.map((item: { action: string; caseId: string }) => [item.action, item.caseId])).toEqual([['read', caseB]]);
    const byCase = await get(`/organizations/current/audit?caseId=${caseB}`, admin).expect(200);
    expect(byCase.body.items.every((item: { caseId: string }) => item.caseId === caseB)).toBe(true);
    const byAction = await get('/organizations/current/audit?action=create&entity=case', admin).expect(200);
    expect(byAction.body.items).toHaveLength(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`/organizations/current/audit?from=${today}&to=${today}`, admin).expect(200)).body.items).toHaveLength(all.body.items.length);
    expect((await get('/organizations/current/audit?to=2000-01-01', admin).expect(200)).body.items).toEqual([]);

    const outsider = await get('/organizations/current/audit', outsiderAdmin).expect(200);
    expect(outsider.body.items).toEqual([]);

    for (const [query, field, message] of [
      ['from=yesterday', 'from', 'Enter a date as YYYY-MM-DD'],
      ['from=2026-02-02&to=2026-01-01', 'to', 'The end date must not be before the start date'],
      ['actorId=nope', 'actorId', 'Not a valid id'],
      ['action=DROP%20TABLE', 'action', 'Use lower-case letters and _ only'],
      ['cursor=bm9wZQ', 'cursor', 'Not a valid page cursor'],
    ]) {
      const response = await get(`/organizations/current/audit?${query}`, admin);
      expect(response.status, query).toBe(400);
      expect(response.body.error.fields[field!], query).toEqual([message]);
    }
    expect((await get('/organizations/current/audit?colour=red', admin)).status).toBe(400);
  });

  it('pages by keyset: no event lost or repeated, even when new events arrive between pages', async () => {
    for (let i = 0; i < 55; i += 1) await get(`/cases/${caseB}`, caseworker).expect(200);
    const first = await get(`/cases/${caseB}/audit`, caseworker).expect(200);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await get(`/cases/${caseB}`, caseworker).expect(200); // a new event, newer than page one
    const second = await get(`/cases/${caseB}/audit?cursor=${first.body.nextCursor}`, caseworker).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    const stored = await t.database.prisma.auditEvent.count({ where: { caseId: caseB } });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(stored - 1);
    expect(second.body.nextCursor).toBeNull();
  });
});
