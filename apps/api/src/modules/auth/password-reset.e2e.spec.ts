import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, makeAccount, makeMember, sameOrigin } from '../../testing/accounts';
import { SmtpTestServer } from '../../testing/smtp-test-server';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { hashSecretToken } from './session-token';

const REQUESTED = {
  message:
    'If an account uses this email address, we have sent it a link to choose a new password. The link works once, for 30 minutes.',
};
const INVALID_LINK = { code: 'INVALID_RESET_TOKEN', message: 'This reset link has expired or was already used. Ask for a new one.' };
const LINK = /http:\/\/localhost:3000\/(en|ur)\/password-reset\/([A-Za-z0-9_-]{43})/;

describe('password reset through a real SMTP server', () => {
  let smtp: SmtpTestServer;
  let test: TestApp;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    test = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Lapata <no-reply@lapata.test>', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  let nextAddress = 1;
  const fromNewAddress = () => ({ 'x-forwarded-for': `203.0.113.${nextAddress++}` });
  const askForLink = (email: string, headers = fromNewAddress()) =>
    request(test.http).post('/auth/password-reset').set(headers).send({ email });
  const complete = (token: string, newPassword: string) =>
    request(test.http).post('/auth/password-reset/complete').set(fromNewAddress()).send({ token, newPassword });
  const isLive = async (cookie: string) =>
    (await request(test.http).get('/auth/session').set('cookie', cookie)).status === 200;

  it('mails a single-use link that sets a new password, ends every session and signs no one in', async () => {
    const { account } = await makeMember(test);
    const sessions = [await logIn(test, account), await logIn(test, account)];

    const asked = await askForLink(account.email.toUpperCase()).expect(202);
    expect(asked.body).toEqual(REQUESTED);

    const mail = await smtp.nextMailTo(account.email);
    expect(mail.from).toBe('no-reply@lapata.test');
    expect(mail.subject).toBe('Lapata: reset your password');
    expect(mail.text).toContain('The link works once and expires in 30 minutes.');
    expect(mail.text).not.toMatch(/Test user/);
    const [link, locale, token] = LINK.exec(mail.text)!;
    expect(locale).toBe('en');
    expect(mail.html).toContain(`href="${link}"`);

    // Only the token's hash is kept, and it expires in 30 minutes.
    const stored = await test.database.prisma.passwordResetToken.findMany({ where: { userId: account.id } });
    expect(stored).toHaveLength(1);
    expect(Buffer.from(stored[0]!.tokenHash).equals(hashSecretToken(token!))).toBe(true);
    const minutes = (stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()) / 60_000;
    expect(minutes).toBeGreaterThan(29.9);
    expect(minutes).toBeLessThanOrEqual(30.01);

    // The link's page posts the token: a common password is refused and leaves the link usable.
    const common = await complete(token!, 'Password1234').expect(400);
    expect(common.body.error.fields).toEqual({
      newPassword: ['This password is one of the most common ones. Choose one that is harder to guess.'],
    });
    for (const cookie of sessions) expect(await isLive(cookie)).toBe(true);

    const done = await complete(token!, 'monsoon lantern courtyard').expect(204);
    expect(done.headers['set-cookie']).toBeUndefined();
    for (const cookie of sessions) expect(await isLive(cookie)).toBe(false);
    expect(await test.database.prisma.session.count({ where: { userId: account.id, revokedAt: null } })).toBe(0);

    await request(test.http).post('/auth/login').send({ email: account.email, password: account.password }).expect(400);
    await logIn(test, { email: account.email, password: 'monsoon lantern courtyard' });

    const reused = await complete(token!, 'another fresh passphrase').expect(400);
    expect(reused.body).toEqual({ error: { ...INVALID_LINK, requestId: reused.headers['x-request-id'] } });

    const logs = test.logs.text();
    for (const secret of [account.email, token!, 'monsoon lantern', 'Password1234']) expect(logs).not.toContain(secret);
  });

  it('never bypasses the second factor: after a reset, sign-in still asks for it', async () => {
    const { organization } = await makeMember(test);
    const account = await makeAccount(test, { memberships: [{ organizationId: organization.id, role: 'LAWYER' }], totp: true });
    await askForLink(account.email).expect(202);
    const [, , token] = LINK.exec((await smtp.nextMailTo(account.email)).text)!;
    await complete(token!, 'monsoon lantern courtyard').expect(204);
    const signedIn = await request(test.http)
      .post('/auth/login')
      .send({ email: account.email, password: 'monsoon lantern courtyard' })
      .expect(200);
    expect(signedIn.body.mfa).toBe('challenge');
  });

  it('answers the same for an address no account uses, and sends nothing', async () => {
    const tokensBefore = await test.database.prisma.passwordResetToken.count();
    const asked = await askForLink('nobody-uses-this@example.org').expect(202);
    expect(asked.body).toEqual(REQUESTED);
    await expect(smtp.nextMailTo('nobody-uses-this@example.org', 500)).rejects.toThrow('No mail');
    expect(await test.database.prisma.passwordResetToken.count()).toBe(tokensBefore);
  });

  it('writes to an Urdu reader in Urdu, with an Urdu link', async () => {
    const { organization } = await makeMember(test);
    const account = await makeAccount(test, { memberships: [{ organizationId: organization.id, role: 'FAMILY' }], locale: 'ur' });
    await askForLink(account.email).expect(202);
    const mail = await smtp.nextMailTo(account.email);
    expect(mail.subject).toBe('لاپتا: پاس ورڈ دوبارہ بنائیں');
    expect(mail.text).toContain('یہ لنک ایک ہی بار کام کرتا ہے');
    expect(LINK.exec(mail.text)![1]).toBe('ur');
    expect(mail.html).toContain('<html lang="ur" dir="rtl">');
  });

  it('refuses an expired link and an unknown one', async () => {
    const { account } = await makeMember(test);
    await askForLink(account.email).expect(202);
    const [, , token] = LINK.exec((await smtp.nextMailTo(account.email)).text)!;
    await test.database.prisma.passwordResetToken.updateMany({
      where: { userId: account.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await complete(token!, 'monsoon lantern courtyard').expect(400);
    expect(expired.body.error).toMatchObject(INVALID_LINK);
    const unknown = await complete('A'.repeat(43), 'monsoon lantern courtyard').expect(400);
    expect(unknown.body.error).toMatchObject(INVALID_LINK);
    const malformed = await complete('not-a-token', 'monsoon lantern courtyard').expect(400);
    expect(malformed.body.error.fields).toEqual({ token: ['This reset link is not valid. Ask for a new one.'] });
    await logIn(test, account);
  });

  it('is refused for a disabled account, even with a link sent before it was disabled', async () => {
    const { account } = await makeMember(test);
    await askForLink(account.email).expect(202);
    const [, , token] = LINK.exec((await smtp.nextMailTo(account.email)).text)!;
    await test.database.prisma.user.update({ where: { id: account.id }, data: { status: 'DISABLED' } });
    await askForLink(account.email).expect(202);
    await expect(smtp.nextMailTo(account.email, 500)).rejects.toThrow('No mail');
    await complete(token!, 'monsoon lantern courtyard').expect(400);
  });

  it('limits requests per account and per address, with the same neutral answer', async () => {
    const { account } = await makeMember(test);
    for (let i = 0; i < 3; i++) await askForLink(account.email).expect(202);
    const perAccount = await askForLink(account.email).expect(429);
    expect(perAccount.body.error).toMatchObject({ code: 'RATE_LIMITED', message: 'Too many attempts. Wait a few minutes and try again.' });
    // An address no account uses is limited the same way: the limit says nothing about existence.
    for (let i = 0; i < 3; i++) await askForLink('nobody-either@example.org').expect(202);
    await askForLink('nobody-either@example.org').expect(429);

    const address = fromNewAddress();
    for (let i = 0; i < 20; i++) await askForLink(`someone-${i}@example.org`, address).expect(202);
    await askForLink('someone-else@example.org', address).expect(429);
  });

  it('needs no session and no Origin (the link opens in any browser), but refuses another origin', async () => {
    const { account } = await makeMember(test);
    await request(test.http).post('/auth/password-reset').set('origin', 'https://evil.example').send({ email: account.email }).expect(403);
    await request(test.http).post('/auth/password-reset').set(sameOrigin(test)).send({ email: account.email }).expect(202);
    await smtp.nextMailTo(account.email);
  });
});

describe('password reset mail without an SMTP server (development)', () => {
  let test: TestApp;
  let mailDir: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'lapata-mail-'));
    test = await startTestApp({ env: { MAIL_DIR: mailDir } });
  });
  afterAll(async () => {
    await test?.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  it('writes the message as an .eml file and logs only where it went', async () => {
    const { account } = await makeMember(test);
    await request(test.http).post('/auth/password-reset').send({ email: account.email }).expect(202);
    await expect.poll(async () => (await readdir(mailDir)).length).toBe(1);
    const [file] = await readdir(mailDir);
    expect(file).toMatch(/\.eml$/);
    const message = await readFile(join(mailDir, file!), 'utf8');
    expect(message).toContain(`To: ${account.email}`);
    expect(message).toMatch(/password-reset\//);
    await expect.poll(() => test.logs.text()).toContain(`mail written to ${join(mailDir, file!)}`);
    expect(test.logs.text()).not.toContain(account.email);
  });
});
