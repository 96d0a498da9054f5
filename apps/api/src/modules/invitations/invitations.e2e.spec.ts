import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, signIn } from '../../testing/factories';
import { SmtpTestServer } from '../../testing/smtp-test-server';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { sessionCookieName } from '../auth/session-cookie';
import { PasswordHasher } from '../users/password-hasher';
import { decryptUserField } from '../users/user-fields';
import { decryptInvitationEmail } from './invitation-fields';

const NO_LONGER_VALID = 'This invitation link is no longer valid.';
const WRONG_ADDRESS = 'Use the email address this invitation was sent to.';
const WRONG_CREDENTIALS = 'Email or password is wrong.';
const PASSWORD = 'correct horse battery staple';

describe('invitations', () => {
  let test: TestApp;
  let smtp: SmtpTestServer;
  let origin: string;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    test = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Lapata <no-reply@lapata.example.org>' } });
    origin = test.config.publicUrl;
  });

  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  const prisma = () => test.database.prisma;

  async function organisationWithAdmin(name = 'Defence of Human Rights') {
    const org = await makeOrg(test, name);
    const admin = await makeUser(test, { organizationId: org.id, role: 'ORG_ADMIN', displayName: 'Amina Admin' });
    return { org, admin, cookie: await signIn(test, admin.id, org.id) };
  }

  const invite = (cookie: string, body: object) =>
    request(test.http).post('/organizations/current/invitations').set('origin', origin).set('cookie', cookie).send(body);

  const accept = (token: string, body: object) =>
    request(test.http).post('/invitations/accept').set('origin', origin).send({ token, ...body });

  const previewLink = (token: string) => request(test.http).post('/invitations/preview').send({ token });

  /** Invites the address and returns the token from the link in the mail it received. */
  async function inviteAndReceive(cookie: string, email: string, role = 'CASEWORKER', locale?: 'en' | 'ur') {
    const created = await invite(cookie, { email, role, ...(locale ? { locale } : {}) }).expect(201);
    const mail = await smtp.nextMailTo(email);
    const link = /http:\/\/localhost:3000\/(en|ur)\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text);
    if (!link) throw new Error('No invitation link in the mail');
    return { invitation: created.body as { id: string }, token: link[2]!, locale: link[1], mail };
  }

  function sessionCookieOf(response: request.Response): string {
    const name = sessionCookieName(test.config);
    const line = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${name}=`));
    if (!line) throw new Error('No session cookie was set');
    return line.split(';', 1)[0]!;
  }

  it('mails a single-use link that creates the account and the membership and signs the person in', async () => {
    const { org, admin, cookie } = await organisationWithAdmin('Karachi Families Network');
    const created = await invite(cookie, { email: ' New.Caseworker@Example.org ', role: 'CASEWORKER' }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'new.caseworker@example.org',
      role: 'CASEWORKER',
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
      invitedBy: { userId: admin.id, displayName: 'Amina Admin' },
    });
    const days = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);

    const mail = await smtp.nextMailTo('new.caseworker@example.org');
    expect(mail.subject).toBe('Lapata: invitation to Karachi Families Network');
    expect(mail.text).toContain('You have been invited to join Karachi Families Network on Lapata as a caseworker.');
    expect(mail.text).not.toContain('Amina');
    const token = /\/en\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;

    // Stored: the address encrypted for this row, its account blind index, the token's hash only.
    const stored = await prisma().invitation.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(Buffer.from(stored.emailEnc).toString('latin1')).not.toContain('caseworker');
    expect(decryptInvitationEmail(test.config.keys, org.id, stored.id, stored.emailEnc)).toBe('new.caseworker@example.org');
    expect(Buffer.from(stored.emailBidx).equals(test.config.keys.blindIndex.forAccounts().email('new.caseworker@example.org')!)).toBe(true);
    expect(Buffer.from(stored.tokenHash).equals(createHash('sha256').update(token).digest())).toBe(true);

    const shown = await previewLink(token).expect(200);
    expect(shown.body).toEqual({ organizationName: 'Karachi Families Network', role: 'CASEWORKER', emailRequired: true });

    const accepted = await accept(token, {
      email: 'new.caseworker@example.org',
      password: PASSWORD,
      displayName: 'Bilal Caseworker',
    }).expect(200);
    expect(accepted.body).toEqual({ organizationId: org.id, mfa: 'satisfied' });
    const newCookie = sessionCookieOf(accepted);

    const user = await prisma().user.findUniqueOrThrow({
      where: { emailBidx: stored.emailBidx },
      include: { memberships: true },
    });
    expect(decryptUserField(test.config.keys, user.id, 'display_name_enc', user.displayNameEnc)).toBe('Bilal Caseworker');
    expect(decryptUserField(test.config.keys, user.id, 'email_enc', user.emailEnc)).toBe('new.caseworker@example.org');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships).toEqual([expect.objectContaining({ organizationId: org.id, role: 'CASEWORKER', disabledAt: null })]);
    expect(await prisma().invitation.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      acceptedAt: expect.any(Date),
      acceptedById: user.id,
    });

    const current = await request(test.http).get('/organizations/current').set('cookie', newCookie).expect(200);
    expect(current.body.id).toBe(org.id);
    const events = await prisma().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => [event.actorId, event.entity, event.entityId, event.action])).toEqual([
      [admin.id, 'invitation', stored.id, 'create'],
      [user.id, 'invitation', stored.id, 'accept'],
      [user.id, 'membership', user.id, 'create'],
    ]);

    // Used once: the link is dead, whatever is sent.
    for (const response of [
      await previewLink(token),
      await accept(token, { email: 'new.caseworker@example.org', password: PASSWORD }),
    ]) {
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'INVITATION_INVALID', message: NO_LONGER_VALID });
    }
    expect(test.logs.text()).not.toMatch(/new\.caseworker|Bilal|correct horse/i);
    expect(test.logs.text()).not.toContain(token);
  });

  it('refuses another address than the invited one, and writes nothing', async () => {
    const { cookie } = await organisationWithAdmin();
    const { invitation, token } = await inviteAndReceive(cookie, 'invited@example.org', 'LAWYER');
    const users = await prisma().user.count();

    const response = await accept(token, { email: 'someone.else@example.org', password: PASSWORD, displayName: 'Someone' }).expect(400);
    expect(response.body.error).toEqual({
      code: 'INVITATION_EMAIL_MISMATCH',
      message: WRONG_ADDRESS,
      fields: { email: [WRONG_ADDRESS] },
      requestId: expect.any(String),
    });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await prisma().user.count()).toBe(users);
    expect(await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ acceptedAt: null });
    // The right address still works afterwards.
    await accept(token, { email: 'invited@example.org', password: PASSWORD, displayName: 'Invited Lawyer' }).expect(200);
  });

  it('refuses an expired, a revoked and a made-up link alike', async () => {
    const { cookie } = await organisationWithAdmin();
    const expired = await inviteAndReceive(cookie, 'late@example.org');
    await prisma().invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await inviteAndReceive(cookie, 'revoked@example.org');
    await request(test.http)
      .delete(`/organizations/current/invitations/${revoked.invitation.id}`)
      .set('origin', origin)
      .set('cookie', cookie)
      .expect(204);

    const cases = [
      [expired.token, 'late@example.org'],
      [revoked.token, 'revoked@example.org'],
      ['A'.repeat(43), 'late@example.org'],
      ['not-a-token', 'late@example.org'],
      ['', 'late@example.org'],
    ] as const;
    for (const [token, email] of cases) {
      const shown = await previewLink(token).expect(400);
      expect(shown.body.error).toMatchObject({ code: 'INVITATION_INVALID', message: NO_LONGER_VALID });
      const accepted = await accept(token, { email, password: PASSWORD, displayName: 'Late' }).expect(400);
      expect(accepted.body.error).toMatchObject({ code: 'INVITATION_INVALID', message: NO_LONGER_VALID });
    }
    expect(await prisma().user.count({ where: { emailBidx: test.config.keys.blindIndex.forAccounts().email('late@example.org')! } })).toBe(0);
    // Revoking again (or anything that is not pending) is not found.
    await request(test.http)
      .delete(`/organizations/current/invitations/${revoked.invitation.id}`)
      .set('origin', origin)
      .set('cookie', cookie)
      .expect(404);
  });

  it('adds a membership to an existing account with its own password, and never says whether one exists', async () => {
    const { org, cookie } = await organisationWithAdmin('Second NGO');
    const home = await makeOrg(test, 'Lawyers Chamber');
    const passwordHash = await new PasswordHasher().hash(PASSWORD);
    const lawyer = await makeUser(test, { organizationId: home.id, role: 'ORG_ADMIN', email: 'counsel@example.org', passwordHash });
    const { token, invitation } = await inviteAndReceive(cookie, 'counsel@example.org', 'LAWYER', 'ur');

    // The preview is the same for an existing account as for a new one.
    const shown = await previewLink(token).expect(200);
    expect(shown.body).toEqual({ organizationName: 'Second NGO', role: 'LAWYER', emailRequired: true });

    for (const body of [
      { email: 'counsel@example.org', password: 'not the right password' },
      { email: 'counsel@example.org', password: 'not the right password', displayName: 'Impostor' },
    ]) {
      const wrong = await accept(token, body).expect(400);
      expect(wrong.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: WRONG_CREDENTIALS });
    }
    expect(await prisma().membership.count({ where: { userId: lawyer.id } })).toBe(1);
    expect(await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ acceptedAt: null });

    // Accepted in a browser already signed in: that session ends, a new one starts (as at any sign-in).
    const earlier = await signIn(test, lawyer.id, home.id);
    const accepted = await accept(token, { email: 'counsel@example.org', password: PASSWORD }).set('cookie', earlier).expect(200);
    expect(accepted.body).toEqual({ organizationId: org.id, mfa: 'satisfied' });
    await request(test.http).get('/organizations/current').set('cookie', earlier).expect(401);
    const memberships = await prisma().membership.findMany({ where: { userId: lawyer.id }, orderBy: { createdAt: 'asc' } });
    expect(memberships.map((m) => [m.organizationId, m.role])).toEqual([
      [home.id, 'ORG_ADMIN'],
      [org.id, 'LAWYER'],
    ]);
    // The new session works in the inviting organisation; the person can switch back to their own.
    const newCookie = sessionCookieOf(accepted);
    const theirs = await request(test.http).get('/account/organizations').set('cookie', newCookie).expect(200);
    expect(theirs.body.organizations).toEqual([
      { organizationId: home.id, name: 'Lawyers Chamber', role: 'ORG_ADMIN', active: false },
      { organizationId: org.id, name: 'Second NGO', role: 'LAWYER', active: true },
    ]);
  });

  it('answers a sign-in to an account that does not exist like a wrong password', async () => {
    const { cookie } = await organisationWithAdmin();
    const { token } = await inviteAndReceive(cookie, 'brand.new@example.org');
    const response = await accept(token, { email: 'brand.new@example.org', password: PASSWORD }).expect(400);
    expect(response.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: WRONG_CREDENTIALS });
  });

  it('applies the password policy to a new account', async () => {
    const { cookie } = await organisationWithAdmin();
    const { token, invitation } = await inviteAndReceive(cookie, 'weak@example.org');
    const common = await accept(token, { email: 'weak@example.org', password: 'password1234', displayName: 'Weak' }).expect(400);
    expect(common.body.error.fields).toEqual({
      password: ['This password is one of the most common ones. Choose one that is harder to guess.'],
    });
    const short = await accept(token, { email: 'weak@example.org', password: 'short', displayName: 'Weak' }).expect(400);
    expect(short.body.error.fields).toEqual({ password: ['Use at least 12 characters'] });
    const unknown = await accept(token, { email: 'weak@example.org', password: PASSWORD, displayName: 'Weak', role: 'ORG_ADMIN' }).expect(400);
    expect(unknown.body.error.fields).toEqual({ role: ['Unknown field'] });
    expect(await prisma().user.count({ where: { emailBidx: test.config.keys.blindIndex.forAccounts().email('weak@example.org')! } })).toBe(0);
    expect(await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ acceptedAt: null });
  });

  it('leaves the session waiting for the second factor when the organisation requires it', async () => {
    const { org, cookie } = await organisationWithAdmin();
    const { token } = await inviteAndReceive(cookie, 'family@example.org', 'FAMILY');
    await prisma().organization.update({ where: { id: org.id }, data: { requireMfa: true } });
    const accepted = await accept(token, { email: 'family@example.org', password: PASSWORD, displayName: 'Family' }).expect(200);
    expect(accepted.body).toEqual({ organizationId: org.id, mfa: 'enrolment' });
    const pending = await request(test.http).get('/organizations/current').set('cookie', sessionCookieOf(accepted)).expect(401);
    expect(pending.body.error.code).toBe('MFA_REQUIRED');

    // An account with an authenticator app is challenged, whatever the organisation requires.
    await prisma().organization.update({ where: { id: org.id }, data: { requireMfa: false } });
    const passwordHash = await new PasswordHasher().hash(PASSWORD);
    const withTotp = await makeUser(test, { email: 'totp@example.org', passwordHash });
    await prisma().user.update({ where: { id: withTotp.id }, data: { totpEnabledAt: new Date() } });
    const { token: totpToken } = await inviteAndReceive(cookie, 'totp@example.org', 'LAWYER');
    const challenged = await accept(totpToken, { email: 'totp@example.org', password: PASSWORD }).expect(200);
    expect(challenged.body).toEqual({ organizationId: org.id, mfa: 'challenge' });
    await request(test.http).get('/organizations/current').set('cookie', sessionCookieOf(challenged)).expect(401);
  });

  it('lets exactly one of two simultaneous acceptances win', async () => {
    const { cookie } = await organisationWithAdmin();
    const { token } = await inviteAndReceive(cookie, 'twice@example.org');
    const body = { email: 'twice@example.org', password: PASSWORD, displayName: 'Twice' };
    const responses = await Promise.all([accept(token, body), accept(token, body)]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 400]);
    expect(responses.find((response) => response.status === 400)!.body.error.code).toBe('INVITATION_INVALID');
    expect(await prisma().user.count({ where: { emailBidx: test.config.keys.blindIndex.forAccounts().email('twice@example.org')! } })).toBe(1);
  });

  it('lists pending invitations of the organisation only, newest first, and a new one replaces the old', async () => {
    const a = await organisationWithAdmin();
    const b = await organisationWithAdmin();
    const first = await inviteAndReceive(a.cookie, 'one@example.org', 'FAMILY');
    await inviteAndReceive(a.cookie, 'two@example.org', 'LAWYER');
    const again = await inviteAndReceive(a.cookie, 'one@example.org', 'CASEWORKER');
    await inviteAndReceive(b.cookie, 'theirs@example.org');
    const accepted = await inviteAndReceive(a.cookie, 'done@example.org');
    await accept(accepted.token, { email: 'done@example.org', password: PASSWORD, displayName: 'Done' }).expect(200);

    const listed = await request(test.http).get('/organizations/current/invitations').set('cookie', a.cookie).expect(200);
    expect(listed.body.invitations.map((i: { email: string; role: string }) => [i.email, i.role])).toEqual([
      ['one@example.org', 'CASEWORKER'],
      ['two@example.org', 'LAWYER'],
    ]);
    expect(listed.body.invitations[0].invitedBy).toEqual({ userId: a.admin.id, displayName: 'Amina Admin' });
    // The replaced link no longer works; the new one does.
    await previewLink(first.token).expect(400);
    await previewLink(again.token).expect(200);

    // B's administrator neither sees nor revokes A's invitations.
    const theirs = await request(test.http).get('/organizations/current/invitations').set('cookie', b.cookie).expect(200);
    expect(theirs.body.invitations.map((i: { email: string }) => i.email)).toEqual(['theirs@example.org']);
    await request(test.http)
      .delete(`/organizations/current/invitations/${again.invitation.id}`)
      .set('origin', origin)
      .set('cookie', b.cookie)
      .expect(404);
    await previewLink(again.token).expect(200);
  });

  it('refuses to invite a live member again, and bad input, with field messages', async () => {
    const { admin, cookie } = await organisationWithAdmin();
    const member = await invite(cookie, { email: admin.email, role: 'FAMILY' }).expect(409);
    expect(member.body.error).toMatchObject({
      code: 'ALREADY_MEMBER',
      fields: { email: ['This person is already a member of the organisation.'] },
    });
    const invalid = await invite(cookie, { email: 'not an address', role: 'OWNER', locale: 'fr' }).expect(400);
    expect(invalid.body.error.fields).toEqual({
      email: ['Enter a valid email address'],
      role: ['Invalid option: expected one of "ORG_ADMIN"|"CASEWORKER"|"LAWYER"|"FAMILY"'],
      locale: ['Invalid option: expected one of "en"|"ur"'],
    });
    expect(await prisma().invitation.count({ where: { invitedById: admin.id } })).toBe(0);
    expect(smtp.received.filter((mail) => mail.to.includes(admin.email))).toEqual([]);
  });

  it('answers 404 on every administration route to caseworkers, lawyers and families', async () => {
    const { org, cookie } = await organisationWithAdmin();
    const { invitation, token } = await inviteAndReceive(cookie, 'pending@example.org');
    for (const role of ['CASEWORKER', 'LAWYER', 'FAMILY'] as const) {
      const user = await makeUser(test, { organizationId: org.id, role });
      const theirCookie = await signIn(test, user.id, org.id);
      await request(test.http).get('/organizations/current/invitations').set('cookie', theirCookie).expect(404);
      await invite(theirCookie, { email: `from-${role.toLowerCase()}@example.org`, role: 'ORG_ADMIN' }).expect(404);
      await request(test.http)
        .delete(`/organizations/current/invitations/${invitation.id}`)
        .set('origin', origin)
        .set('cookie', theirCookie)
        .expect(404);
    }
    await request(test.http).get('/organizations/current/invitations').expect(401);
    await previewLink(token).expect(200);
    expect(await prisma().invitation.count({ where: { organizationId: org.id } })).toBe(1);
  });
});
