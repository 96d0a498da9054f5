import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe('case grants and break-glass', () => {
  let t: TestApp;
  let orgA: string;
  let caseId: string;
  let manager: { id: string; cookie: string };
  const origin = () => ({ Origin: t.config.publicUrl });

  beforeAll(async () => {
    t = await startTestApp();
    orgA = (await makeOrg(t)).id;
    caseId = (await makeCase(t, orgA)).id;
    const family = await makeUser(t, { organizationId: orgA, role: 'FAMILY' });
    await makeGrant(t, { caseId, userId: family.id, level: 'MANAGE' });
    manager = { id: family.id, cookie: await signIn(t, family.id, orgA) };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets an external lawyer reach exactly the granted case, and revoking takes effect at once', async () => {
    const orgB = (await makeOrg(t)).id;
    const otherCaseOfA = (await makeCase(t, orgA)).id;
    const lawyer = await makeUser(t, { organizationId: orgB, role: 'LAWYER' });
    const lawyerCookie = await signIn(t, lawyer.id, orgB);

    const granted = await request(t.http)
      .post(`/cases/${caseId}/grants`)
      .set(origin())
      .set('Cookie', manager.cookie)
      .send({ email: lawyer.email.toUpperCase(), level: 'VIEW' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ userId: lawyer.id, level: 'VIEW', kind: 'GRANT', expiresAt: null });

    const list = await request(t.http).get('/cases').set('Cookie', lawyerCookie);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([caseId]);
    expect((await request(t.http).get(`/cases/${caseId}`).set('Cookie', lawyerCookie)).status).toBe(200);
    expect((await request(t.http).get(`/cases/${otherCaseOfA}`).set('Cookie', lawyerCookie)).status).toBe(404);
    expect((await request(t.http).get('/organizations/current/members').set('Cookie', lawyerCookie)).status).toBe(404);

    // The family manager sees every grant and the managers are told about the new one.
    const grants = await request(t.http).get(`/cases/${caseId}/grants`).set('Cookie', manager.cookie);
    expect(grants.body.items.map((grant: { userId: string }) => grant.userId)).toContain(lawyer.id);

    const revoked = await request(t.http)
      .delete(`/cases/${caseId}/grants/${granted.body.id}`)
      .set(origin())
      .set('Cookie', manager.cookie);
    expect(revoked.status).toBe(204);
    expect((await request(t.http).get(`/cases/${caseId}`).set('Cookie', lawyerCookie)).status).toBe(404);
    const again = await request(t.http)
      .delete(`/cases/${caseId}/grants/${granted.body.id}`)
      .set(origin())
      .set('Cookie', manager.cookie);
    expect(again.status).toBe(404);
  });

  it('refuses a grant above the granter’s own level and an address without an account, writing nothing', async () => {
    const contributor = await makeUser(t, { organizationId: orgA, role: 'LAWYER' });
    await makeGrant(t, { caseId, userId: contributor.id, level: 'MANAGE' });
    const before = await t.database.prisma.caseGrant.count();
    const unknown = await request(t.http)
      .post(`/cases/${caseId}/grants`)
      .set(origin())
      .set('Cookie', manager.cookie)
      .send({ email: 'nobody@example.org', level: 'VIEW' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({ email: ['No active account uses this email. Invite the person first.'] });
    const badLevel = await request(t.http)
      .post(`/cases/${caseId}/grants`)
      .set(origin())
      .set('Cookie', manager.cookie)
      .send({ email: 'x@example.org', level: 'OWNER', extra: 1 });
    expect(badLevel.status).toBe(400);
    expect(Object.keys(badLevel.body.error.fields).sort()).toEqual(['extra', 'level']);
    expect(await t.database.prisma.caseGrant.count()).toBe(before);
  });

  it('opens a case read-only through break-glass, with a reason, marked in the audit trail, managers told', async () => {
    const caseworker = await makeUser(t, { organizationId: orgA, role: 'CASEWORKER' });
    const cookie = await signIn(t, caseworker.id, orgA);
    expect((await request(t.http).get(`/cases/${caseId}`).set('Cookie', cookie)).status).toBe(404);

    const noReason = await request(t.http).post(`/cases/${caseId}/break-glass`).set(origin()).set('Cookie', cookie).send({ reason: 'x' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual({ reason: ['Say in a sentence why you need this case now'] });

    const opened = await request(t.http)
      .post(`/cases/${caseId}/break-glass`)
      .set(origin())
      .set('Cookie', cookie)
      .send({ reason: 'Court date tomorrow and the assigned caseworker is ill' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ kind: 'BREAK_GLASS', level: 'VIEW' });
    const hours = (new Date(opened.body.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);

    const read = await request(t.http).get(`/cases/${caseId}`).set('Cookie', cookie);
    expect(read.status).toBe(200);
    expect(read.body.access).toEqual({ level: 'VIEW', breakGlass: true });
    // Read-only: managing grants stays closed.
    expect((await request(t.http).get(`/cases/${caseId}/grants`).set('Cookie', cookie)).status).toBe(404);

    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId, actorId: caseworker.id },
      orderBy: { seq: 'asc' },
      select: { action: true, breakGlass: true, fields: true },
    });
    expect(events).toEqual([
      { action: 'break_glass', breakGlass: true, fields: ['reason'] },
      { action: 'read', breakGlass: true, fields: [] },
    ]);
    const reason = await t.database.prisma.caseGrant.findFirstOrThrow({ where: { userId: caseworker.id }, select: { reasonEnc: true } });
    expect(Buffer.from(reason.reasonEnc!).toString('utf8')).not.toContain('caseworker is ill');

    const notices = await request(t.http).get('/notifications').set('Cookie', manager.cookie);
    expect(notices.body.items.map((notice: { kind: string }) => notice.kind)).toContain('BREAK_GLASS_OPENED');
  });

  it('refuses break-glass to lawyers and family members (404)', async () => {
    const lawyer = await makeUser(t, { organizationId: orgA, role: 'LAWYER' });
    const response = await request(t.http)
      .post(`/cases/${caseId}/break-glass`)
      .set(origin())
      .set('Cookie', await signIn(t, lawyer.id, orgA))
      .send({ reason: 'I would like to look at this case please' });
    expect(response.status).toBe(404);
  });
});
