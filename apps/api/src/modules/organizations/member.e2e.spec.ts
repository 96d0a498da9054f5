import type { Role } from '@lapata/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const LAST_ADMIN = 'The organisation needs at least one active administrator. Make another member an administrator first.';

describe('organisation members', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp();
  });

  afterAll(async () => {
    await test?.close();
  });

  async function organisationWithAdmin(name?: string) {
    const org = await makeOrg(test, name);
    const admin = await makeUser(test, { organizationId: org.id, role: 'ORG_ADMIN', displayName: 'Admin' });
    return { org, admin, cookie: await signIn(test, admin.id, org.id) };
  }

  const membership = (organizationId: string, userId: string) =>
    test.database.prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId, userId } } });

  it("lists the organisation's members with decrypted name and email, and no one else", async () => {
    const { org, admin, cookie } = await organisationWithAdmin();
    const lawyer = await makeUser(test, {
      organizationId: org.id,
      role: 'LAWYER',
      email: 'counsel@example.org',
      displayName: 'Asma Counsel',
    });
    await test.database.prisma.user.update({ where: { id: lawyer.id }, data: { totpEnabledAt: new Date() } });
    const family = await makeUser(test, { organizationId: org.id, role: 'FAMILY', displayName: 'Family member' });
    await test.database.prisma.membership.update({
      where: { organizationId_userId: { organizationId: org.id, userId: family.id } },
      data: { disabledAt: new Date() },
    });
    // Someone in another organisation, and a lawyer of that one with a grant on a case here.
    const other = await organisationWithAdmin();
    const external = await makeUser(test, { organizationId: other.org.id, role: 'LAWYER' });
    await makeGrant(test, { caseId: (await makeCase(test, org.id)).id, userId: external.id, level: 'VIEW' });

    const response = await request(test.http).get('/organizations/current/members').set('cookie', cookie).expect(200);
    expect(response.body).toEqual({
      members: [
        { userId: admin.id, displayName: 'Admin', email: admin.email, role: 'ORG_ADMIN', mfaEnabled: false, disabled: false },
        {
          userId: lawyer.id,
          displayName: 'Asma Counsel',
          email: 'counsel@example.org',
          role: 'LAWYER',
          mfaEnabled: true,
          disabled: false,
        },
        { userId: family.id, displayName: 'Family member', email: family.email, role: 'FAMILY', mfaEnabled: false, disabled: true },
      ],
    });
    expect(response.headers['cache-control']).toBe('no-store');

    const theirs = await request(test.http).get('/organizations/current/members').set('cookie', other.cookie).expect(200);
    expect(theirs.body.members.map((member: { userId: string }) => member.userId)).toEqual([other.admin.id, external.id]);
  });

  it('answers 404 on every member route to caseworkers, lawyers and families, and changes nothing', async () => {
    const { org } = await organisationWithAdmin();
    const target = await makeUser(test, { organizationId: org.id, role: 'CASEWORKER' });
    for (const role of ['CASEWORKER', 'LAWYER', 'FAMILY'] as const) {
      const user = await makeUser(test, { organizationId: org.id, role });
      const cookie = await signIn(test, user.id, org.id);
      await request(test.http).get('/organizations/current/members').set('cookie', cookie).expect(404);
      await request(test.http).patch(`/organizations/current/members/${target.id}`).set('origin', test.config.publicUrl).set('cookie', cookie).send({ role: 'ORG_ADMIN' }).expect(404);
      await request(test.http).post(`/organizations/current/members/${target.id}/disable`).set('origin', test.config.publicUrl).set('cookie', cookie).expect(404);
      await request(test.http).post(`/organizations/current/members/${target.id}/enable`).set('origin', test.config.publicUrl).set('cookie', cookie).expect(404);
      // Not even themselves.
      await request(test.http).patch(`/organizations/current/members/${user.id}`).set('origin', test.config.publicUrl).set('cookie', cookie).send({ role: 'ORG_ADMIN' }).expect(404);
    }
    expect(await membership(org.id, target.id)).toMatchObject({ role: 'CASEWORKER', disabledAt: null });
    await request(test.http).get('/organizations/current/members').expect(401);
  });

  it("answers 404 when an administrator reaches for another organisation's member", async () => {
    const a = await organisationWithAdmin();
    const b = await organisationWithAdmin();
    const memberOfA = await makeUser(test, { organizationId: a.org.id, role: 'CASEWORKER' });
    const paths = [
      ['patch', `/organizations/current/members/${memberOfA.id}`],
      ['post', `/organizations/current/members/${memberOfA.id}/disable`],
      ['post', `/organizations/current/members/${memberOfA.id}/enable`],
    ] as const;
    for (const [method, path] of paths) {
      const response = await request(test.http)[method](path).set('origin', test.config.publicUrl).set('cookie', b.cookie).send(method === 'patch' ? { role: 'FAMILY' } : undefined);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe('Not found.');
    }
    await request(test.http).patch('/organizations/current/members/not-a-uuid').set('origin', test.config.publicUrl).set('cookie', b.cookie).send({ role: 'FAMILY' }).expect(404);
    expect(await membership(a.org.id, memberOfA.id)).toMatchObject({ role: 'CASEWORKER', disabledAt: null });
    // The admin of A's sessions were not touched either.
    await request(test.http).get('/organizations/current/members').set('cookie', a.cookie).expect(200);
  });

  it('changes a role and ends all of that user’s sessions', async () => {
    const { org, cookie } = await organisationWithAdmin();
    const caseworker = await makeUser(test, { organizationId: org.id, role: 'CASEWORKER' });
    const sessions = [await signIn(test, caseworker.id, org.id), await signIn(test, caseworker.id, org.id)];

    const changed = await request(test.http)
      .patch(`/organizations/current/members/${caseworker.id}`).set('origin', test.config.publicUrl)
      .set('cookie', cookie)
      .send({ role: 'LAWYER' })
      .expect(200);
    expect(changed.body).toMatchObject({ userId: caseworker.id, role: 'LAWYER', disabled: false });
    expect(await membership(org.id, caseworker.id)).toMatchObject({ role: 'LAWYER' });
    for (const session of sessions) {
      await request(test.http).get('/organizations/current').set('cookie', session).expect(401);
    }
    // The administrator's own session goes on.
    await request(test.http).get('/organizations/current/members').set('cookie', cookie).expect(200);

    const invalid = await request(test.http)
      .patch(`/organizations/current/members/${caseworker.id}`).set('origin', test.config.publicUrl)
      .set('cookie', cookie)
      .send({ role: 'OWNER', note: 'x' })
      .expect(400);
    expect(invalid.body.error.fields).toEqual({
      role: ['Invalid option: expected one of "ORG_ADMIN"|"CASEWORKER"|"LAWYER"|"FAMILY"'],
      note: ['Unknown field'],
    });
    expect(await membership(org.id, caseworker.id)).toMatchObject({ role: 'LAWYER' });
  });

  it('keeps the last active administrator: no demoting or disabling them', async () => {
    const { org, admin, cookie } = await organisationWithAdmin();
    // A disabled administrator does not count.
    const dormant = await makeUser(test, { organizationId: org.id, role: 'ORG_ADMIN' });
    await test.database.prisma.membership.update({
      where: { organizationId_userId: { organizationId: org.id, userId: dormant.id } },
      data: { disabledAt: new Date() },
    });
    const demoted = await request(test.http)
      .patch(`/organizations/current/members/${admin.id}`).set('origin', test.config.publicUrl)
      .set('cookie', cookie)
      .send({ role: 'CASEWORKER' })
      .expect(409);
    expect(demoted.body.error).toMatchObject({ code: 'LAST_ORGANIZATION_ADMIN', message: LAST_ADMIN });
    const disabled = await request(test.http).post(`/organizations/current/members/${admin.id}/disable`).set('origin', test.config.publicUrl).set('cookie', cookie).expect(409);
    expect(disabled.body.error.message).toBe(LAST_ADMIN);
    expect(await membership(org.id, admin.id)).toMatchObject({ role: 'ORG_ADMIN', disabledAt: null });
    await request(test.http).get('/organizations/current/members').set('cookie', cookie).expect(200);

    // With a second active administrator, the first may step down (and is signed out like anyone).
    const second = await makeUser(test, { organizationId: org.id, role: 'ORG_ADMIN' });
    await request(test.http).patch(`/organizations/current/members/${admin.id}`).set('origin', test.config.publicUrl).set('cookie', cookie).send({ role: 'CASEWORKER' }).expect(200);
    await request(test.http).get('/organizations/current').set('cookie', cookie).expect(401);
    const secondCookie = await signIn(test, second.id, org.id);
    await request(test.http).patch(`/organizations/current/members/${second.id}`).set('origin', test.config.publicUrl).set('cookie', secondCookie).send({ role: 'LAWYER' }).expect(409);
  });

  it('lets only one of two administrators demote the other at the same moment', async () => {
    const org = await makeOrg(test);
    const first = await makeUser(test, { organizationId: org.id, role: 'ORG_ADMIN' });
    const second = await makeUser(test, { organizationId: org.id, role: 'ORG_ADMIN' });
    const [one, two] = await Promise.all([
      request(test.http)
        .patch(`/organizations/current/members/${second.id}`).set('origin', test.config.publicUrl)
        .set('cookie', await signIn(test, first.id, org.id))
        .send({ role: 'CASEWORKER' }),
      request(test.http)
        .patch(`/organizations/current/members/${first.id}`).set('origin', test.config.publicUrl)
        .set('cookie', await signIn(test, second.id, org.id))
        .send({ role: 'CASEWORKER' }),
    ]);
    // The loser finds its session ended (401), itself no longer an administrator (404), or, having
    // waited on the lock, no other administrator left (409), depending on when it read what.
    expect([one.status, two.status].sort()).toEqual([200, expect.any(Number)]);
    expect([401, 404, 409]).toContain([one.status, two.status].find((status) => status !== 200));
    const admins = await test.database.prisma.membership.count({ where: { organizationId: org.id, role: 'ORG_ADMIN' } });
    expect(admins).toBe(1);
  });

  it('disables a membership: every session ends at once and grants here are revoked', async () => {
    const { org, admin, cookie } = await organisationWithAdmin();
    const other = await makeOrg(test);
    const lawyer = await makeUser(test, { organizationId: org.id, role: 'LAWYER' });
    await test.database.prisma.membership.create({ data: { organizationId: other.id, userId: lawyer.id, role: 'LAWYER' } });
    const grantHere = await makeGrant(test, { caseId: (await makeCase(test, org.id)).id, userId: lawyer.id, level: 'CONTRIBUTE' });
    const grantElsewhere = await makeGrant(test, { caseId: (await makeCase(test, other.id)).id, userId: lawyer.id, level: 'VIEW' });
    const sessions = [await signIn(test, lawyer.id, org.id), await signIn(test, lawyer.id, other.id)];
    for (const session of sessions) await request(test.http).get('/organizations/current').set('cookie', session).expect(200);

    const response = await request(test.http).post(`/organizations/current/members/${lawyer.id}/disable`).set('origin', test.config.publicUrl).set('cookie', cookie).expect(200);
    expect(response.body).toMatchObject({ userId: lawyer.id, role: 'LAWYER', disabled: true });
    for (const session of sessions) {
      const refused = await request(test.http).get('/organizations/current').set('cookie', session).expect(401);
      expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    }
    const grants = await test.database.prisma.caseGrant.findMany({ where: { userId: lawyer.id } });
    expect(grants.find((grant) => grant.id === grantHere.id)).toMatchObject({ revokedById: admin.id, revokedAt: expect.any(Date) });
    expect(grants.find((grant) => grant.id === grantElsewhere.id)).toMatchObject({ revokedAt: null });
    expect((await membership(org.id, lawyer.id)).disabledAt).toBeInstanceOf(Date);
    expect(
      await test.database.prisma.auditEvent.findMany({
        where: { organizationId: org.id, entity: 'membership', entityId: lawyer.id },
        select: { actorId: true, action: true, fields: true },
      }),
    ).toEqual([{ actorId: admin.id, action: 'disable', fields: ['disabledAt'] }]);
    // The account itself stays active: it still belongs to the other organisation.
    expect(await test.database.prisma.user.findUniqueOrThrow({ where: { id: lawyer.id } })).toMatchObject({ status: 'ACTIVE' });
    expect((await membership(other.id, lawyer.id)).disabledAt).toBeNull();

    // Listed as disabled; a session started afterwards does not reach this organisation.
    const listed = await request(test.http).get('/organizations/current/members').set('cookie', cookie).expect(200);
    expect(listed.body.members.find((member: { userId: string }) => member.userId === lawyer.id).disabled).toBe(true);
    await request(test.http).get('/organizations/current').set('cookie', await signIn(test, lawyer.id, org.id)).expect(404);

    const enabled = await request(test.http).post(`/organizations/current/members/${lawyer.id}/enable`).set('origin', test.config.publicUrl).set('cookie', cookie).expect(200);
    expect(enabled.body).toMatchObject({ userId: lawyer.id, disabled: false });
    expect((await membership(org.id, lawyer.id)).disabledAt).toBeNull();
    await request(test.http).get('/organizations/current').set('cookie', await signIn(test, lawyer.id, org.id)).expect(200);
    // Grants revoked on disabling stay revoked.
    expect(await test.database.prisma.caseGrant.findUniqueOrThrow({ where: { id: grantHere.id } })).toMatchObject({
      revokedAt: expect.any(Date),
    });
  });

  it('shows an external lawyer granted one case nothing of that organisation', async () => {
    const b = await organisationWithAdmin('Organisation B');
    const homeOfLawyer = await makeOrg(test);
    const lawyer = await makeUser(test, { organizationId: homeOfLawyer.id, role: 'ORG_ADMIN' });
    await makeGrant(test, { caseId: (await makeCase(test, b.org.id)).id, userId: lawyer.id, level: 'MANAGE' });

    // Working in their own organisation, they see its members only.
    const own = await request(test.http).get('/organizations/current/members').set('cookie', await signIn(test, lawyer.id, homeOfLawyer.id)).expect(200);
    expect(own.body.members.map((member: { userId: string }) => member.userId)).toEqual([lawyer.id]);
    // A session pointed at B (where they have no membership) has no role there: everything is 404.
    const pointedAtB = await signIn(test, lawyer.id, b.org.id);
    for (const path of ['/organizations/current', '/organizations/current/members', '/organizations/current/invitations']) {
      await request(test.http).get(path).set('cookie', pointedAtB).expect(404);
    }
    await request(test.http).post(`/organizations/current/members/${b.admin.id}/disable`).set('origin', test.config.publicUrl).set('cookie', pointedAtB).expect(404);
    await request(test.http).post('/account/organization').set('origin', test.config.publicUrl).set('cookie', pointedAtB).send({ organizationId: b.org.id }).expect(404);
    const listed = await request(test.http).get('/account/organizations').set('cookie', pointedAtB).expect(200);
    expect(listed.body.organizations.map((o: { organizationId: string }) => o.organizationId)).toEqual([homeOfLawyer.id]);
  });

  it('answers 404 for a user who is not a member, whatever the role asked for', async () => {
    const { cookie } = await organisationWithAdmin();
    const stranger = await makeUser(test);
    for (const role of ['ORG_ADMIN', 'FAMILY'] satisfies Role[]) {
      await request(test.http).patch(`/organizations/current/members/${stranger.id}`).set('origin', test.config.publicUrl).set('cookie', cookie).send({ role }).expect(404);
    }
    await request(test.http).post(`/organizations/current/members/${stranger.id}/disable`).set('origin', test.config.publicUrl).set('cookie', cookie).expect(404);
    expect(await test.database.prisma.membership.count({ where: { userId: stranger.id } })).toBe(0);
  });
});
