import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { sessionCookieName } from '../auth/session-cookie';

/** The cookie header a response set, ready to send back. */
function setCookie(test: TestApp, response: request.Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const name = sessionCookieName(test.config);
  const cookie = cookies.find((line) => line.startsWith(`${name}=`));
  if (!cookie) throw new Error('No session cookie was set');
  return cookie.split(';', 1)[0]!;
}

describe('the current organisation', () => {
  let test: TestApp;
  let orgA: { id: string; prefix: string };
  let orgB: { id: string; prefix: string };

  beforeAll(async () => {
    test = await startTestApp();
    orgA = await makeOrg(test, 'Defence of Human Rights');
    orgB = await makeOrg(test, 'Karachi Law Chambers');
  });

  afterAll(async () => {
    await test?.close();
  });

  it('is readable by every role, and only ever the active one', async () => {
    for (const role of ['ORG_ADMIN', 'CASEWORKER', 'LAWYER', 'FAMILY'] as const) {
      const user = await makeUser(test, { organizationId: orgA.id, role });
      const response = await request(test.http)
        .get('/organizations/current')
        .set('cookie', await signIn(test, user.id, orgA.id))
        .expect(200);
      expect(response.body).toEqual({
        id: orgA.id,
        name: 'Defence of Human Rights',
        caseReferencePrefix: orgA.prefix,
        timeZone: 'Asia/Karachi',
        requireMfa: false,
        version: expect.any(Number),
      });
      expect(response.headers['cache-control']).toBe('no-store');
    }
    await request(test.http).get('/organizations/current').expect(401);
  });

  it('answers 404 to a signed-in user with no organisation', async () => {
    const outsider = await makeUser(test);
    const cookie = await signIn(test, outsider.id, null);
    await request(test.http).get('/organizations/current').set('cookie', cookie).expect(404);
    await request(test.http).patch('/organizations/current').set('origin', test.config.publicUrl).set('cookie', cookie).send({ version: 1, name: 'Taken over' }).expect(404);
  });

  it('is renamed by an administrator with the version they read, and refuses a stale version', async () => {
    const org = await makeOrg(test, 'Old name');
    const admin = await makeUser(test, { organizationId: org.id, role: 'ORG_ADMIN' });
    const cookie = await signIn(test, admin.id, org.id);
    const before = await request(test.http).get('/organizations/current').set('cookie', cookie).expect(200);
    const version = before.body.version as number;

    const renamed = await request(test.http)
      .patch('/organizations/current').set('origin', test.config.publicUrl)
      .set('cookie', cookie)
      .send({ version, name: '  New name  ', timeZone: 'Asia/Dubai' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'New name', timeZone: 'Asia/Dubai', version: version + 1 });

    const stale = await request(test.http)
      .patch('/organizations/current').set('origin', test.config.publicUrl)
      .set('cookie', cookie)
      .send({ version, name: 'Lost update' })
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'STALE_VERSION',
      message: 'Someone else changed this in the meantime. Reload to see the latest version, then try again.',
      currentVersion: version + 1,
    });
    const stored = await test.database.prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored).toMatchObject({ name: 'New name', timeZone: 'Asia/Dubai', version: version + 1 });
    const events = await test.database.prisma.auditEvent.findMany({ where: { organizationId: org.id } });
    expect(events.map((event) => [event.actorId, event.entity, event.action, event.fields])).toEqual([
      [admin.id, 'organization', 'update', ['name', 'timeZone']],
    ]);
  });

  it('refuses invalid changes with a message per field, and writes nothing', async () => {
    const admin = await makeUser(test, { organizationId: orgA.id, role: 'ORG_ADMIN' });
    const cookie = await signIn(test, admin.id, orgA.id);
    const before = await test.database.prisma.organization.findUniqueOrThrow({ where: { id: orgA.id } });

    const invalid = await request(test.http)
      .patch('/organizations/current').set('origin', test.config.publicUrl)
      .set('cookie', cookie)
      .send({ version: before.version, name: 'x', timeZone: 'Mars/Olympus', requireMfa: true })
      .expect(400);
    expect(invalid.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        name: ['Enter the organisation name'],
        timeZone: ['Choose a time zone from the list, e.g. Asia/Karachi'],
        requireMfa: ['Unknown field'],
      },
    });
    const empty = await request(test.http)
      .patch('/organizations/current').set('origin', test.config.publicUrl)
      .set('cookie', cookie)
      .send({ version: before.version })
      .expect(400);
    expect(empty.body.error.fields).toEqual({ name: ['Change the name or the time zone'] });
    expect(await test.database.prisma.organization.findUniqueOrThrow({ where: { id: orgA.id } })).toEqual(before);
  });

  it('cannot be changed by anyone but an administrator', async () => {
    const before = await test.database.prisma.organization.findUniqueOrThrow({ where: { id: orgA.id } });
    for (const role of ['CASEWORKER', 'LAWYER', 'FAMILY'] as const) {
      const user = await makeUser(test, { organizationId: orgA.id, role });
      const response = await request(test.http)
        .patch('/organizations/current').set('origin', test.config.publicUrl)
        .set('cookie', await signIn(test, user.id, orgA.id))
        .send({ version: before.version, name: 'Taken over' })
        .expect(404);
      expect(response.body.error).toEqual({ code: 'NOT_FOUND', message: 'Not found.', requestId: expect.any(String) });
    }
    // An administrator of another organisation changes their own, never this one.
    const adminB = await makeUser(test, { organizationId: orgB.id, role: 'ORG_ADMIN' });
    const versionB = (await test.database.prisma.organization.findUniqueOrThrow({ where: { id: orgB.id } })).version;
    await request(test.http)
      .patch('/organizations/current').set('origin', test.config.publicUrl)
      .set('cookie', await signIn(test, adminB.id, orgB.id))
      .send({ version: versionB, name: 'Karachi Law Chambers (renamed)' })
      .expect(200);
    expect(await test.database.prisma.organization.findUniqueOrThrow({ where: { id: orgA.id } })).toEqual(before);
  });
});

describe('switching organisations', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp();
  });

  afterAll(async () => {
    await test?.close();
  });

  it('lists only live memberships, with the role in each and the active one marked', async () => {
    const [a, b, c, other] = [await makeOrg(test, 'NGO A'), await makeOrg(test, 'NGO B'), await makeOrg(test, 'NGO C'), await makeOrg(test)];
    const lawyer = await makeUser(test, { organizationId: a.id, role: 'LAWYER' });
    await test.database.prisma.membership.create({ data: { organizationId: b.id, userId: lawyer.id, role: 'CASEWORKER' } });
    await test.database.prisma.membership.create({
      data: { organizationId: c.id, userId: lawyer.id, role: 'ORG_ADMIN', disabledAt: new Date() },
    });
    await makeUser(test, { organizationId: other.id, role: 'ORG_ADMIN' });

    const response = await request(test.http)
      .get('/account/organizations')
      .set('cookie', await signIn(test, lawyer.id, a.id))
      .expect(200);
    expect(response.body).toEqual({
      organizations: [
        { organizationId: a.id, name: 'NGO A', role: 'LAWYER', active: true },
        { organizationId: b.id, name: 'NGO B', role: 'CASEWORKER', active: false },
      ],
    });
  });

  it('replaces the session: a new cookie works in the new organisation and the old one is refused', async () => {
    const [a, b] = [await makeOrg(test, 'First NGO'), await makeOrg(test, 'Second NGO')];
    const user = await makeUser(test, { organizationId: a.id, role: 'LAWYER' });
    await test.database.prisma.membership.create({ data: { organizationId: b.id, userId: user.id, role: 'ORG_ADMIN' } });
    const oldCookie = await signIn(test, user.id, a.id);
    const [oldSession] = await test.database.prisma.session.findMany({ where: { userId: user.id } });

    const switched = await request(test.http)
      .post('/account/organization').set('origin', test.config.publicUrl)
      .set('cookie', oldCookie)
      .send({ organizationId: b.id })
      .expect(200);
    expect(switched.body).toEqual({ organizationId: b.id, role: 'ORG_ADMIN' });
    const newCookie = setCookie(test, switched);
    expect(newCookie).not.toBe(oldCookie);

    await request(test.http).get('/organizations/current').set('cookie', oldCookie).expect(401);
    const current = await request(test.http).get('/organizations/current').set('cookie', newCookie).expect(200);
    expect(current.body).toMatchObject({ id: b.id, name: 'Second NGO' });
    // The administrator role now applies: the member list of B is open to them.
    await request(test.http).get('/organizations/current/members').set('cookie', newCookie).expect(200);

    const sessions = await test.database.prisma.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
    const live = sessions.filter((session) => session.revokedAt === null);
    expect(live).toHaveLength(1);
    expect(live[0]!.id).not.toBe(oldSession!.id);
    expect(live[0]!.activeOrganizationId).toBe(b.id);
    // Replacing never extends a session past its original end.
    expect(live[0]!.expiresAt).toEqual(oldSession!.expiresAt);
  });

  it('answers 404 for an organisation the user is not a live member of, and keeps the session', async () => {
    const [a, b, c] = [await makeOrg(test), await makeOrg(test), await makeOrg(test)];
    const user = await makeUser(test, { organizationId: a.id, role: 'CASEWORKER' });
    await test.database.prisma.membership.create({
      data: { organizationId: c.id, userId: user.id, role: 'CASEWORKER', disabledAt: new Date() },
    });
    const cookie = await signIn(test, user.id, a.id);

    for (const organizationId of [b.id, c.id, '01900000-0000-7000-8000-000000000000']) {
      const refused = await request(test.http)
        .post('/account/organization').set('origin', test.config.publicUrl)
        .set('cookie', cookie)
        .send({ organizationId })
        .expect(404);
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    const invalid = await request(test.http).post('/account/organization').set('origin', test.config.publicUrl).set('cookie', cookie).send({ organizationId: 'b' }).expect(400);
    expect(invalid.body.error.fields).toEqual({ organizationId: ['Not a valid id'] });

    const current = await request(test.http).get('/organizations/current').set('cookie', cookie).expect(200);
    expect(current.body.id).toBe(a.id);
    await request(test.http).post('/account/organization').set('origin', test.config.publicUrl).send({ organizationId: a.id }).expect(401);
  });
});
