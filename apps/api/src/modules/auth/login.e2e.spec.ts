import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecretToken } from './session-token';
import { logIn, makeAccount, makeMember, sameOrigin, sessionCookieFrom } from '../../testing/accounts';
import { makeOrg } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const WRONG = { code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong.' };
const RATE_LIMITED = { code: 'RATE_LIMITED', message: 'Too many attempts. Wait a few minutes and try again.' };

/** Each test signs in from its own client address (the app believes X-Forwarded-For here). */
let nextAddress = 1;
const fromNewAddress = () => ({ 'x-forwarded-for': `198.51.100.${nextAddress++}` });

describe('signing in', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => test?.close());

  const sessionCount = (userId: string) => test.database.prisma.session.count({ where: { userId } });

  it('starts a session in the first organisation, with a cookie that is HttpOnly, SameSite=Strict and Path=/', async () => {
    const { organization, account } = await makeMember(test, 'ORG_ADMIN');
    const response = await request(test.http)
      .post('/auth/login')
      .set(fromNewAddress())
      .set('user-agent', 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0')
      .send({ email: ` ${account.email.toUpperCase()} `, password: account.password })
      .expect(200);

    const name = await test.database.prisma.organization.findUniqueOrThrow({ where: { id: organization.id } });
    expect(response.body).toEqual({
      mfa: 'satisfied',
      activeOrganizationId: organization.id,
      organizations: [{ organizationId: organization.id, name: name.name, role: 'ORG_ADMIN' }],
    });
    const [cookie] = response.headers['set-cookie'] as unknown as string[];
    // Plain-HTTP localhost: no Secure, so no __Host- prefix (see the https case below).
    expect(cookie).toMatch(/^lapata_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });

    // Only the token's hash is stored.
    const token = cookie!.slice('lapata_session='.length).split(';')[0]!;
    const [session] = await test.database.prisma.session.findMany({ where: { userId: account.id } });
    expect(Buffer.from(session!.tokenHash).equals(hashSecretToken(token))).toBe(true);
    expect(session).toMatchObject({ activeOrganizationId: organization.id, mfaVerifiedAt: null, revokedAt: null });
    expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(12 * 3_600_000);

    const me = await request(test.http).get('/auth/session').set('cookie', sessionCookieFrom(test, response)!).expect(200);
    expect(me.body).toEqual({
      userId: account.id,
      displayName: expect.stringMatching(/^Test user /),
      locale: 'en',
      mfa: 'satisfied',
      activeOrganization: { organizationId: organization.id, name: name.name, role: 'ORG_ADMIN' },
      organizations: [{ organizationId: organization.id, name: name.name, role: 'ORG_ADMIN' }],
    });
  });

  it('keeps a requested organisation the user belongs to, and ignores one they do not', async () => {
    const first = await makeOrg(test);
    const second = await makeOrg(test);
    const stranger = await makeOrg(test);
    const account = await makeAccount(test, {
      memberships: [
        { organizationId: first.id, role: 'CASEWORKER' },
        { organizationId: second.id, role: 'LAWYER' },
      ],
    });
    const signIn = (organizationId: string) =>
      request(test.http)
        .post('/auth/login')
        .set(fromNewAddress())
        .send({ email: account.email, password: account.password, organizationId })
        .expect(200);

    const chosen = await signIn(second.id);
    expect(chosen.body.activeOrganizationId).toBe(second.id);
    expect(chosen.body.organizations.map((o: { role: string }) => o.role)).toEqual(['CASEWORKER', 'LAWYER']);
    const me = await request(test.http).get('/auth/session').set('cookie', sessionCookieFrom(test, chosen)!).expect(200);
    expect(me.body.activeOrganization).toMatchObject({ organizationId: second.id, role: 'LAWYER' });

    expect((await signIn(stranger.id)).body.activeOrganizationId).toBe(first.id);
  });

  it('answers unknown email, wrong password and disabled account with the same message, and starts no session', async () => {
    const { account } = await makeMember(test);
    const disabled = await makeAccount(test);
    await test.database.prisma.user.update({ where: { id: disabled.id }, data: { status: 'DISABLED' } });
    const attempts = [
      { email: 'nobody-here@example.org', password: account.password },
      { email: account.email, password: `${account.password}!` },
      { email: disabled.email, password: disabled.password },
    ];
    for (const attempt of attempts) {
      const response = await request(test.http).post('/auth/login').set(fromNewAddress()).send(attempt).expect(400);
      expect(response.body).toEqual({ error: { ...WRONG, requestId: response.headers['x-request-id'] } });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(await sessionCount(account.id)).toBe(0);
    expect(await sessionCount(disabled.id)).toBe(0);

    const logged = test.logs.lines.filter((line) => line.loginAttempt).map((line) => line.loginAttempt);
    expect(logged).toEqual(
      expect.arrayContaining([
        { outcome: 'unknown-account', client: expect.any(String) },
        { outcome: 'wrong-password', userId: account.id, client: expect.any(String) },
        { outcome: 'disabled', userId: disabled.id, client: expect.any(String) },
      ]),
    );
    const text = test.logs.text();
    for (const secret of [account.email, account.password, 'nobody-here', disabled.email, '198.51.100.']) {
      expect(text).not.toContain(secret);
    }
  });

  it('takes about as long for an unknown email as for a wrong password (a decoy hash is verified)', async () => {
    const { account } = await makeMember(test);
    const time = async (email: string) => {
      const started = performance.now();
      await request(test.http).post('/auth/login').set(fromNewAddress()).send({ email, password: 'not the password at all' }).expect(400);
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknown.push(await time(`absent-${i}@example.org`));
      known.push(await time(account.email));
    }
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('refuses invalid input with a message per field', async () => {
    const response = await request(test.http)
      .post('/auth/login')
      .set(fromNewAddress())
      .send({ email: 'not an email', password: '', remember: true })
      .expect(400);
    expect(response.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { email: ['Enter a valid email address'], password: ['Enter your password'], remember: ['Unknown field'] },
    });
  });

  it('says the second factor is due: challenge with an authenticator app, enrolment when the organisation requires it', async () => {
    const withApp = await makeMember(test);
    await test.database.prisma.user.update({ where: { id: withApp.account.id }, data: { totpEnabledAt: new Date() } });
    const challenged = await request(test.http)
      .post('/auth/login')
      .set(fromNewAddress())
      .send({ email: withApp.account.email, password: withApp.account.password })
      .expect(200);
    expect(challenged.body.mfa).toBe('challenge');
    const cookie = sessionCookieFrom(test, challenged)!;
    // The pending session reaches only pending-MFA routes.
    expect((await request(test.http).get('/auth/session').set('cookie', cookie).expect(200)).body.mfa).toBe('challenge');
    const refused = await request(test.http).get('/account/sessions').set('cookie', cookie).expect(401);
    expect(refused.body.error).toMatchObject({ code: 'MFA_REQUIRED' });

    const required = await makeMember(test);
    await test.database.prisma.organization.update({ where: { id: required.organization.id }, data: { requireMfa: true } });
    const enrolling = await request(test.http)
      .post('/auth/login')
      .set(fromNewAddress())
      .send({ email: required.account.email, password: required.account.password })
      .expect(200);
    expect(enrolling.body.mfa).toBe('enrolment');
  });

  it('starts a new session at every sign-in and ends the one the browser still carried', async () => {
    const { account } = await makeMember(test);
    const first = await logIn(test, account, fromNewAddress());
    const second = await request(test.http)
      .post('/auth/login')
      .set(fromNewAddress())
      .set('cookie', first)
      .set(sameOrigin(test))
      .send({ email: account.email, password: account.password })
      .expect(200);
    const secondCookie = sessionCookieFrom(test, second)!;
    expect(secondCookie).not.toBe(first);
    await request(test.http).get('/auth/session').set('cookie', first).expect(401);
    await request(test.http).get('/auth/session').set('cookie', secondCookie).expect(200);
  });

  it('answers a burst of simultaneous sign-ins without exhausting the connection pool', async () => {
    const { account } = await makeMember(test);
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        request(test.http)
          .post('/auth/login')
          .set(fromNewAddress())
          .send({ email: i % 2 ? account.email : `burst-${i}@example.org`, password: `burst guess ${i}` }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([...Array(25).fill(400), ...Array(5).fill(429)].sort());
    // 15 guesses at one account: 10 counted, 5 refused. Each request holds a transaction; the
    // limiter's own pool keeps them from waiting on each other.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  describe('rate limits', () => {
    it('stops guessing at one account after 10 failures, from any address, even with the right password', async () => {
      const { account } = await makeMember(test);
      for (let i = 0; i < 10; i++) {
        await request(test.http)
          .post('/auth/login')
          .set(fromNewAddress())
          .send({ email: account.email, password: `guess number ${i}` })
          .expect(400);
      }
      const blocked = await request(test.http)
        .post('/auth/login')
        .set(fromNewAddress())
        .send({ email: account.email, password: account.password })
        .expect(429);
      expect(blocked.body.error).toMatchObject(RATE_LIMITED);
      expect(await sessionCount(account.id)).toBe(0);
      // The bucket is keyed by a hash, never the address itself.
      const keys = (await test.database.prisma.rateLimitBucket.findMany()).map((bucket) => bucket.key).join('\n');
      expect(keys).not.toContain(account.email);
      expect(keys).toMatch(/^login-account:[A-Za-z0-9_-]{22}$/m);

      // Once the window has passed, the right password works again.
      await test.database.prisma.rateLimitBucket.updateMany({
        where: { key: { startsWith: 'login-account:' } },
        data: { resetAt: new Date(Date.now() - 1000) },
      });
      await logIn(test, account, fromNewAddress());
    });

    it('stops one address after 30 failures, whichever accounts it tries, with the same answer for unknown accounts', async () => {
      const address = fromNewAddress();
      const { account } = await makeMember(test);
      for (let i = 0; i < 30; i++) {
        await request(test.http).post('/auth/login').set(address).send({ email: `try-${i}@example.org`, password: 'some password' }).expect(400);
      }
      for (const email of [account.email, 'never-registered@example.org']) {
        const blocked = await request(test.http).post('/auth/login').set(address).send({ email, password: account.password }).expect(429);
        expect(blocked.body.error).toMatchObject(RATE_LIMITED);
      }
      // Another address is not affected.
      await logIn(test, account, fromNewAddress());
      const refusedAttempts = test.logs.lines.filter(
        (line) => (line.loginAttempt as { outcome?: string } | undefined)?.outcome === 'rate-limited',
      );
      expect(refusedAttempts.length).toBeGreaterThanOrEqual(2);
    });

    it('counts only failures: a successful sign-in gives its attempt back and clears the account', async () => {
      const address = fromNewAddress();
      const { account } = await makeMember(test);
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < 9; i++) {
          await request(test.http).post('/auth/login').set(address).send({ email: account.email, password: `wrong ${i}` }).expect(400);
        }
        await logIn(test, account, address);
        await test.database.prisma.rateLimitBucket.deleteMany({ where: { key: { startsWith: 'login-address:' } } });
      }
    });
  });
});

describe('signing in on https', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp({ env: { PUBLIC_URL: 'https://lapata.example.org' } });
  });
  afterAll(() => test?.close());

  it('uses a __Host- cookie that is Secure', async () => {
    const { account } = await makeMember(test);
    const response = await request(test.http)
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    const [cookie] = response.headers['set-cookie'] as unknown as string[];
    expect(cookie).toMatch(/^__Host-lapata_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    await request(test.http).get('/auth/session').set('cookie', sessionCookieFrom(test, response)!).expect(200);
  });
});
