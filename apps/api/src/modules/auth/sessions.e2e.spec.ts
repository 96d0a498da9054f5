import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseContext } from '../../database/database-context';
import { logIn, makeMember, sameOrigin, sessionCookieFrom } from '../../testing/accounts';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { SessionService } from './session.service';
import { hashSecretToken } from './session-token';

const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('sessions', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(() => test?.close());

  const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
  const sessionOf = (cookie: string) =>
    test.database.prisma.session.findUniqueOrThrow({ where: { tokenHash: hashSecretToken(tokenOf(cookie)) } });
  const isLive = async (cookie: string) =>
    (await request(test.http).get('/auth/session').set('cookie', cookie)).status === 200;

  describe('lifetime', () => {
    it('ends a session idle for longer than 30 minutes, and keeps one used within them', async () => {
      const { account } = await makeMember(test);
      const idle = await logIn(test, account);
      const active = await logIn(test, account);
      await test.database.prisma.session.update({
        where: { id: (await sessionOf(idle)).id },
        data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
      });
      await test.database.prisma.session.update({
        where: { id: (await sessionOf(active)).id },
        data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) },
      });
      const refused = await request(test.http).get('/auth/session').set('cookie', idle).expect(401);
      expect(refused.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Sign in to continue.' });
      await request(test.http).get('/auth/session').set('cookie', active).expect(200);
      // Using it moved its last use forward.
      expect(Date.now() - (await sessionOf(active)).lastSeenAt.getTime()).toBeLessThan(60_000);
    });

    it('ends a session at its absolute lifetime, however active', async () => {
      const { account } = await makeMember(test);
      const cookie = await logIn(test, account);
      const session = await sessionOf(cookie);
      // Twelve hours later: started long ago, used a moment ago.
      await test.database.prisma.session.update({
        where: { id: session.id },
        data: {
          createdAt: new Date(Date.now() - 12 * 3_600_000 - 1000),
          expiresAt: new Date(Date.now() - 1000),
          lastSeenAt: new Date(),
        },
      });
      await request(test.http).get('/auth/session').set('cookie', cookie).expect(401);
    });

    it('refuses the cookie of a session that logged out', async () => {
      const { account } = await makeMember(test);
      const cookie = await logIn(test, account);
      const response = await request(test.http).post('/auth/logout').set('cookie', cookie).set(sameOrigin(test)).expect(204);
      expect(response.headers['set-cookie']).toEqual([expect.stringMatching(/^lapata_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/)]);
      expect((await sessionOf(cookie)).revokedAt).toBeInstanceOf(Date);
      await request(test.http).get('/auth/session').set('cookie', cookie).expect(401);
      await request(test.http).post('/auth/logout').set('cookie', cookie).set(sameOrigin(test)).expect(401);
    });

    it('ends every session of a disabled user at once', async () => {
      const { account } = await makeMember(test);
      const cookies = [await logIn(test, account), await logIn(test, account)];
      const ended = await test.app
        .get(DatabaseContext)
        .run({}, () => test.app.get(SessionService).endAllForUser(account.id));
      expect(ended).toBe(2);
      for (const cookie of cookies) expect(await isLive(cookie)).toBe(false);

      // Disabling the account refuses any session it might still have.
      const another = await logIn(test, account);
      await test.database.prisma.user.update({ where: { id: account.id }, data: { status: 'DISABLED' } });
      expect(await isLive(another)).toBe(false);
    });

    it('replaces a session at a privilege change: new token, same sign-in time and end, old token refused', async () => {
      const { account } = await makeMember(test);
      const cookie = await logIn(test, account);
      const old = await sessionOf(cookie);
      const db = test.app.get(DatabaseContext);
      const replaced = await db.run({}, () => test.app.get(SessionService).replace(old.id, { mfaVerified: true }));
      expect(replaced.sessionId).not.toBe(old.id);
      const name = cookie.slice(0, cookie.indexOf('='));
      const newCookie = `${name}=${replaced.token}`;
      expect(await isLive(cookie)).toBe(false);
      expect(await isLive(newCookie)).toBe(true);
      const fresh = await sessionOf(newCookie);
      expect(fresh).toMatchObject({ createdAt: old.createdAt, expiresAt: old.expiresAt, activeOrganizationId: old.activeOrganizationId });
      expect(fresh.mfaVerifiedAt).toBeInstanceOf(Date);
      await expect(db.run({}, () => test.app.get(SessionService).replace(old.id, {}))).rejects.toThrow('Only a live session can be replaced');
    });
  });

  describe('the sessions list', () => {
    it('lists the live sessions, marks the current one, and ends one or all the others', async () => {
      const { account } = await makeMember(test);
      const phone = await logIn(test, account, { 'user-agent': FIREFOX_ANDROID });
      const laptop = await logIn(test, account, { 'user-agent': CHROME_WINDOWS });
      const curl = await logIn(test, account, { 'user-agent': 'curl/8.5.0' });
      const loggedOut = await logIn(test, account);
      await request(test.http).post('/auth/logout').set('cookie', loggedOut).set(sameOrigin(test)).expect(204);

      const listed = await request(test.http).get('/account/sessions').set('cookie', laptop).expect(200);
      const ids = { phone: (await sessionOf(phone)).id, laptop: (await sessionOf(laptop)).id, curl: (await sessionOf(curl)).id };
      expect(listed.body.sessions).toHaveLength(3);
      expect(listed.body.sessions).toEqual(
        expect.arrayContaining([
          { id: ids.phone, current: false, device: 'Firefox on Android', createdAt: expect.any(String), lastSeenAt: expect.any(String) },
          { id: ids.laptop, current: true, device: 'Chrome on Windows', createdAt: expect.any(String), lastSeenAt: expect.any(String) },
          { id: ids.curl, current: false, device: null, createdAt: expect.any(String), lastSeenAt: expect.any(String) },
        ]),
      );
      expect(listed.headers['cache-control']).toBe('no-store');

      await request(test.http).delete(`/account/sessions/${ids.phone}`).set('cookie', laptop).set(sameOrigin(test)).expect(204);
      expect(await isLive(phone)).toBe(false);
      expect(await isLive(laptop)).toBe(true);
      // Already ended, and ids that are not the user's, answer 404.
      await request(test.http).delete(`/account/sessions/${ids.phone}`).set('cookie', laptop).set(sameOrigin(test)).expect(404);
      await request(test.http).delete('/account/sessions/not-a-uuid').set('cookie', laptop).set(sameOrigin(test)).expect(404);

      const ended = await request(test.http).post('/account/sessions/end-others').set('cookie', laptop).set(sameOrigin(test)).expect(200);
      expect(ended.body).toEqual({ ended: 1 });
      expect(await isLive(curl)).toBe(false);
      const after = await request(test.http).get('/account/sessions').set('cookie', laptop).expect(200);
      expect(after.body.sessions.map((s: { id: string }) => s.id)).toEqual([ids.laptop]);

      // Ending the current session signs out.
      const out = await request(test.http).delete(`/account/sessions/${ids.laptop}`).set('cookie', laptop).set(sameOrigin(test)).expect(204);
      expect(sessionCookieFrom(test, out)).toBeUndefined();
      expect(out.headers['set-cookie']).toEqual([expect.stringMatching(/^lapata_session=; /)]);
      expect(await isLive(laptop)).toBe(false);
    });

    it("cannot end another user's session", async () => {
      const alice = await makeMember(test);
      const bob = await makeMember(test);
      const aliceCookie = await logIn(test, alice.account);
      const bobCookie = await logIn(test, bob.account);
      const bobSession = await sessionOf(bobCookie);
      await request(test.http).delete(`/account/sessions/${bobSession.id}`).set('cookie', aliceCookie).set(sameOrigin(test)).expect(404);
      expect(await isLive(bobCookie)).toBe(true);
      const listed = await request(test.http).get('/account/sessions').set('cookie', aliceCookie).expect(200);
      expect(listed.body.sessions.map((s: { id: string }) => s.id)).not.toContain(bobSession.id);
    });
  });

  describe('changing the password', () => {
    it('needs the current password, refuses common ones, and ends every other session', async () => {
      const { account } = await makeMember(test);
      const here = await logIn(test, account);
      const elsewhere = await logIn(test, account);
      const change = (body: object) =>
        request(test.http).post('/account/password').set('cookie', here).set(sameOrigin(test)).send(body);
      const hashBefore = (await test.database.prisma.user.findUniqueOrThrow({ where: { id: account.id } })).passwordHash;

      const wrong = await change({ currentPassword: 'not my password', newPassword: 'a brand new long passphrase' }).expect(400);
      expect(wrong.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { currentPassword: ['This is not your current password.'] },
      });
      const common = await change({ currentPassword: account.password, newPassword: 'Qwerty123456' }).expect(400);
      expect(common.body.error.fields).toEqual({
        newPassword: ['This password is one of the most common ones. Choose one that is harder to guess.'],
      });
      const short = await change({ currentPassword: account.password, newPassword: 'short one' }).expect(400);
      expect(short.body.error.fields).toEqual({ newPassword: ['Use at least 12 characters'] });
      const unchanged = await test.database.prisma.user.findUniqueOrThrow({ where: { id: account.id } });
      expect(unchanged.passwordHash).toBe(hashBefore);
      expect(await isLive(elsewhere)).toBe(true);

      await change({ currentPassword: account.password, newPassword: 'a brand new long passphrase' }).expect(204);
      expect(await isLive(here)).toBe(true);
      expect(await isLive(elsewhere)).toBe(false);
      await request(test.http).post('/auth/login').send({ email: account.email, password: account.password }).expect(400);
      await logIn(test, { email: account.email, password: 'a brand new long passphrase' });
      expect(test.logs.text()).not.toContain('brand new long passphrase');
    });

    it('stops guessing the current password after 10 wrong ones', async () => {
      const { account } = await makeMember(test);
      const cookie = await logIn(test, account);
      const change = (currentPassword: string) =>
        request(test.http)
          .post('/account/password')
          .set('cookie', cookie)
          .set(sameOrigin(test))
          .send({ currentPassword, newPassword: 'a brand new long passphrase' });
      for (let i = 0; i < 10; i++) await change(`guess ${i}`).expect(400);
      const blocked = await change(account.password).expect(429);
      expect(blocked.body.error.code).toBe('RATE_LIMITED');
    });
  });

  describe('cross-site request forgery', () => {
    it('refuses a state-changing request from another origin, and changes nothing', async () => {
      const { account } = await makeMember(test);
      const cookie = await logIn(test, account);
      const forged = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: 'http://localhost:3000.evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        // No Origin and no Sec-Fetch-Site, but a session cookie: not from a browser we can check.
        {},
      ];
      for (const headers of forged) {
        const response = await request(test.http).post('/auth/logout').set('cookie', cookie).set(headers).expect(403);
        expect(response.body).toEqual({
          error: {
            code: 'CSRF_REJECTED',
            message: 'This request came from another site and was refused.',
            requestId: response.headers['x-request-id'],
          },
        });
      }
      const other = await logIn(test, account);
      await request(test.http).post('/account/sessions/end-others').set('cookie', cookie).set('origin', 'https://evil.example').expect(403);
      await request(test.http)
        .post('/account/password')
        .set('cookie', cookie)
        .set('origin', 'https://evil.example')
        .send({ currentPassword: account.password, newPassword: 'forged new passphrase' })
        .expect(403);
      expect(await isLive(cookie)).toBe(true);
      expect(await isLive(other)).toBe(true);

      // A forged sign-in (logging the victim into the attacker's account) is refused too.
      await request(test.http).post('/auth/login').set('origin', 'https://evil.example').send(account).expect(403);

      // The web's own origin, or Sec-Fetch-Site: same-origin without an Origin, go through.
      await request(test.http).post('/auth/logout').set('cookie', other).set('sec-fetch-site', 'same-origin').expect(204);
      await request(test.http).post('/auth/logout').set('cookie', cookie).set(sameOrigin(test)).expect(204);
    });

    it('lets reads through from anywhere: only state-changing methods are checked', async () => {
      const { account } = await makeMember(test);
      const cookie = await logIn(test, account);
      await request(test.http).get('/auth/session').set('cookie', cookie).set('origin', 'https://evil.example').expect(200);
    });
  });
});
