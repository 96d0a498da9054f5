import { createHash } from 'node:crypto';
import { decryptString } from '@lapata/crypto';
import { generate } from 'otplib';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { sessionCookieName } from '../auth/session-cookie';
import { newSecretToken } from '../auth/session-token';
import { PasswordHasher } from '../users/password-hasher';
import { TestAuthenticator } from './passkey.test-authenticator';

/** The web's origin (PUBLIC_URL in tests): state-changing requests with a cookie must come from it. */
const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'a long enough test password';

let t: TestApp;
let passwordHash: string;

beforeAll(async () => {
  // Behind a trusted proxy on loopback, so a test can speak from another client address.
  t = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
  passwordHash = await new PasswordHasher().hash(PASSWORD);
});

afterAll(async () => {
  await t.close();
});

interface Member {
  id: string;
  email: string;
  organizationId: string;
}

async function makeMember(role: 'ORG_ADMIN' | 'CASEWORKER' = 'ORG_ADMIN', organizationId?: string): Promise<Member> {
  const orgId = organizationId ?? (await makeOrg(t)).id;
  const user = await makeUser(t, { organizationId: orgId, role, passwordHash });
  return { ...user, organizationId: orgId };
}

/** The session cookie a response sets, as a `Cookie` header value. */
function sessionCookie(response: Response): string {
  const name = sessionCookieName(t.config);
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  if (!header) throw new Error('The response set no session cookie');
  return header.split(';')[0]!;
}

async function login(member: { email: string }, password = PASSWORD): Promise<{ cookie: string; mfa: string }> {
  const response = await request(t.http).post('/auth/login').send({ email: member.email, password }).expect(200);
  return { cookie: sessionCookie(response), mfa: (response.body as { mfa: string }).mfa };
}

const post = (path: string, cookie: string) => request(t.http).post(path).set('Cookie', cookie).set('Origin', ORIGIN);
const put = (path: string, cookie: string) => request(t.http).put(path).set('Cookie', cookie).set('Origin', ORIGIN);
const del = (path: string, cookie: string) => request(t.http).delete(path).set('Cookie', cookie).set('Origin', ORIGIN);
const get = (path: string, cookie: string) => request(t.http).get(path).set('Cookie', cookie);

async function storedUser(userId: string) {
  return t.database.prisma.user.findUniqueOrThrow({ where: { id: userId } });
}

async function storedRecoveryCodes(userId: string) {
  return t.database.prisma.recoveryCode.findMany({ where: { userId } });
}

async function storedSecret(userId: string): Promise<string | null> {
  const { totpSecretEnc } = await storedUser(userId);
  const context = { organizationId: null, table: 'users', column: 'totp_secret_enc', rowId: userId };
  return totpSecretEnc ? decryptString(totpSecretEnc, t.config.keys.accountKeys, context) : null;
}

/** The code of the step after the last one used: valid now (one step of drift), and not a replay. */
async function nextCode(secret: string, userId: string): Promise<string> {
  const { totpLastUsedStep } = await storedUser(userId);
  return generate({ secret, epoch: (Number(totpLastUsedStep) + 1) * 30 });
}

/** Sets up the authenticator app through the API; returns the secret, the codes and the new cookie. */
async function enrol(member: Member, cookie: string) {
  const setup = await post('/account/mfa/totp/setup', cookie).send({ currentPassword: PASSWORD }).expect(200);
  const secret = new URL(setup.body.otpauthUri as string).searchParams.get('secret')!;
  const confirmed = await post('/account/mfa/totp/confirm', cookie).send({ code: await generate({ secret }) }).expect(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[], cookie: sessionCookie(confirmed) };
}

async function enrolledMember(role: 'ORG_ADMIN' | 'CASEWORKER' = 'ORG_ADMIN') {
  const member = await makeMember(role);
  const first = await login(member);
  return { member, ...(await enrol(member, first.cookie)) };
}

describe('setting up the authenticator app', () => {
  it('needs the current password, confirms with a real code, shows the recovery codes once and keeps only hashes', async () => {
    const member = await makeMember();
    const { cookie, mfa } = await login(member);
    expect(mfa).toBe('satisfied');
    const otherDevice = await login(member);

    const wrong = await post('/account/mfa/totp/setup', cookie).send({ currentPassword: 'not the password at all' }).expect(400);
    expect(wrong.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { currentPassword: ['This is not your current password.'] },
    });
    expect((await storedUser(member.id)).totpPendingSecretEnc).toBeNull();

    const setup = await post('/account/mfa/totp/setup', cookie).send({ currentPassword: PASSWORD }).expect(200);
    const uri = new URL(setup.body.otpauthUri as string);
    const secret = uri.searchParams.get('secret')!;
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('issuer')).toBe('Lapata');
    expect(setup.body.manualKey.replace(/ /g, '')).toBe(secret);
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);

    // Pending: stored encrypted (bound to its column and row), not yet on.
    let user = await storedUser(member.id);
    expect(user.totpEnabledAt).toBeNull();
    expect(user.totpSecretEnc).toBeNull();
    expect(Buffer.from(user.totpPendingSecretEnc!).toString('latin1')).not.toContain(secret);
    const pendingContext = { organizationId: null, table: 'users', column: 'totp_pending_secret_enc', rowId: member.id };
    expect(decryptString(user.totpPendingSecretEnc!, t.config.keys.accountKeys, pendingContext)).toBe(secret);
    await get('/account/mfa', cookie).expect(200, {
      totpEnabled: false,
      recoveryCodesLeft: 0,
      requiredByOrganization: false,
      passkeys: [],
    });

    const wrongCode = await post('/account/mfa/totp/confirm', cookie).send({ code: '000000' }).expect(400);
    expect(wrongCode.body.error).toMatchObject({
      code: 'INVALID_MFA_CODE',
      message: 'This code is not valid. Check that the time on your phone is right, or use a recovery code.',
    });
    expect((await storedUser(member.id)).totpEnabledAt).toBeNull();
    expect(await storedRecoveryCodes(member.id)).toEqual([]);

    const confirmed = await post('/account/mfa/totp/confirm', cookie).send({ code: await generate({ secret }) }).expect(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(Object.keys(confirmed.body)).toEqual(['recoveryCodes']);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    user = await storedUser(member.id);
    expect(user.totpEnabledAt).toBeInstanceOf(Date);
    expect(user.totpPendingSecretEnc).toBeNull();
    expect(user.totpLastUsedStep).not.toBeNull();
    const context = { organizationId: null, table: 'users', column: 'totp_secret_enc', rowId: member.id };
    expect(decryptString(user.totpSecretEnc!, t.config.keys.accountKeys, context)).toBe(secret);

    // Only SHA-256 hashes of the codes are kept.
    const stored = await storedRecoveryCodes(member.id);
    const sha256 = (code: string) => createHash('sha256').update(code.replace(/-/g, '')).digest('hex');
    expect(stored.map((row) => row.codeHash).sort()).toEqual(recoveryCodes.map(sha256).sort());
    const dump = JSON.stringify(stored);
    for (const code of recoveryCodes) expect(dump).not.toContain(code.replace(/-/g, '').slice(0, 8));

    // A new session that passed the second factor; the old token and the other device are out.
    const newCookie = sessionCookie(confirmed);
    expect(newCookie).not.toBe(cookie);
    await get('/account/mfa', cookie).expect(401);
    await get('/account/mfa', otherDevice.cookie).expect(401);
    const status = await get('/account/mfa', newCookie).expect(200);
    // Shown once: nothing gives the codes back.
    expect(status.body).toEqual({ totpEnabled: true, recoveryCodesLeft: 10, requiredByOrganization: false, passkeys: [] });

    expect(t.logs.text()).not.toContain(secret);
    for (const code of recoveryCodes) expect(t.logs.text()).not.toContain(code);
  });

  it('refuses a set-up from a session that still owes its second factor', async () => {
    const { member } = await enrolledMember();
    const pending = await login(member);
    expect(pending.mfa).toBe('challenge');
    const refused = await post('/account/mfa/totp/setup', pending.cookie).send({ currentPassword: PASSWORD }).expect(401);
    expect(refused.body.error.code).toBe('MFA_REQUIRED');
    expect((await storedUser(member.id)).totpPendingSecretEnc).toBeNull();
  });

  it('moves to a new app without ever leaving the account without a second factor', async () => {
    const { member, secret: oldSecret, recoveryCodes: oldCodes, cookie } = await enrolledMember();
    const setup = await post('/account/mfa/totp/setup', cookie).send({ currentPassword: PASSWORD }).expect(200);
    const newSecret = new URL(setup.body.otpauthUri as string).searchParams.get('secret')!;

    // Until the new app is confirmed, the old one still signs in.
    const meanwhile = await login(member);
    const passed = await post('/auth/mfa', meanwhile.cookie).send({ code: await nextCode(oldSecret, member.id) }).expect(200);

    const confirmed = await post('/account/mfa/totp/confirm', sessionCookie(passed))
      .send({ code: await generate({ secret: newSecret }) })
      .expect(200);
    const context = { organizationId: null, table: 'users', column: 'totp_secret_enc', rowId: member.id };
    expect(decryptString((await storedUser(member.id)).totpSecretEnc!, t.config.keys.accountKeys, context)).toBe(newSecret);
    expect(confirmed.body.recoveryCodes).not.toEqual(oldCodes);

    const later = await login(member);
    await post('/auth/mfa', later.cookie).send({ code: oldCodes[0] }).expect(400);
  });

  it('validates its input with field messages and writes nothing', async () => {
    const member = await makeMember();
    const { cookie } = await login(member);
    const missing = await post('/account/mfa/totp/setup', cookie).send({ password: PASSWORD }).expect(400);
    expect(missing.body.error.fields).toEqual({
      currentPassword: ['Invalid input: expected string, received undefined'],
      password: ['Unknown field'],
    });
    const letters = await post('/account/mfa/totp/confirm', cookie).send({ code: 'abcdef' }).expect(400);
    expect(letters.body.error.fields).toEqual({ code: ['Enter the 6-digit code from your authenticator app'] });
    const nothingPending = await post('/account/mfa/totp/confirm', cookie).send({ code: '123456' }).expect(409);
    expect(nothingPending.body.error.message).toBe('No set-up is waiting for a code. Start the set-up again.');
    const user = await storedUser(member.id);
    expect([user.totpPendingSecretEnc, user.totpSecretEnc, user.totpEnabledAt]).toEqual([null, null, null]);
  });
});

describe('the second step of signing in', () => {
  it('holds the session until a code is given, then replaces it; the old token and a reused code are refused', async () => {
    const { member, secret } = await enrolledMember();
    const pending = await login(member);
    expect(pending.mfa).toBe('challenge');

    const held = await get('/account/mfa', pending.cookie).expect(401);
    expect(held.body.error).toMatchObject({
      code: 'MFA_REQUIRED',
      message: 'Enter the code from your authenticator app to continue.',
    });

    const code = await nextCode(secret, member.id);
    const passed = await post('/auth/mfa', pending.cookie).send({ code: `${code.slice(0, 3)} ${code.slice(3)}` }).expect(200);
    expect(passed.body).toEqual({ mfa: 'satisfied' });
    const verified = sessionCookie(passed);
    expect(verified).not.toBe(pending.cookie);
    await get('/account/mfa', verified).expect(200);
    await get('/account/mfa', pending.cookie).expect(401);
    await post('/auth/mfa', pending.cookie).send({ code }).expect(401);

    // The same code, in a new sign-in, within its 30 seconds: refused.
    const again = await login(member);
    const replay = await post('/auth/mfa', again.cookie).send({ code }).expect(400);
    expect(replay.body.error.code).toBe('INVALID_MFA_CODE');
    await get('/account/mfa', again.cookie).expect(401);

    expect(t.logs.lines).toContainEqual(
      expect.objectContaining({ msg: 'Second factor given', mfaAttempt: expect.objectContaining({ userId: member.id, method: 'totp' }) }),
    );
    expect(t.logs.text()).not.toContain(`"${code}"`);
  });

  it('takes a recovery code once, however it is typed, and says how many are left', async () => {
    const { member, recoveryCodes } = await enrolledMember();
    const first = await login(member);
    const typed = recoveryCodes[3]!.toLowerCase().replace(/-/g, ' ');
    const passed = await post('/auth/mfa', first.cookie).send({ code: typed }).expect(200);
    expect(passed.body).toEqual({ mfa: 'satisfied', recoveryCodesLeft: 9 });
    expect((await storedRecoveryCodes(member.id)).filter((row) => row.usedAt !== null)).toHaveLength(1);

    const second = await login(member);
    const reused = await post('/auth/mfa', second.cookie).send({ code: recoveryCodes[3] }).expect(400);
    expect(reused.body.error.code).toBe('INVALID_MFA_CODE');
    await post('/auth/mfa', second.cookie).send({ code: recoveryCodes[4] }).expect(200);
  });

  it('limits wrong codes per account, then refuses even the right one', async () => {
    const { member, recoveryCodes } = await enrolledMember();
    const pending = await login(member);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await post('/auth/mfa', pending.cookie).send({ code: String(100000 + attempt) }).expect(400);
    }
    const limited = await post('/auth/mfa', pending.cookie).send({ code: recoveryCodes[0] }).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await storedRecoveryCodes(member.id)).every((row) => row.usedAt === null)).toBe(true);
    await get('/account/mfa', pending.cookie).expect(401);
    const refusals = t.logs.lines.filter(
      (line) => line.msg === 'Second factor refused' && (line.mfaAttempt as { userId?: string } | undefined)?.userId === member.id,
    );
    expect(refusals).toHaveLength(11);
    expect(t.logs.text()).not.toContain('"100000"');
  });

  it('limits wrong codes per client address, across accounts', async () => {
    const address = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    const members = [await enrolledMember(), await enrolledMember(), await enrolledMember(), await enrolledMember()];
    for (const { member } of members.slice(0, 3)) {
      const pending = await login(member);
      for (let attempt = 0; attempt < 10; attempt += 1) {
        await post('/auth/mfa', pending.cookie).set('X-Forwarded-For', address).send({ code: '000000' }).expect(400);
      }
    }
    const { member, recoveryCodes } = members[3]!;
    const pending = await login(member);
    await post('/auth/mfa', pending.cookie).set('X-Forwarded-For', address).send({ code: recoveryCodes[0] }).expect(429);
    await post('/auth/mfa', pending.cookie).send({ code: recoveryCodes[0] }).expect(200);
  });

  it('answers 409 when the session owes no challenge', async () => {
    const member = await makeMember();
    const { cookie } = await login(member);
    const response = await post('/auth/mfa', cookie).send({ code: '123456' }).expect(409);
    expect(response.body.error.message).toBe('This session has already passed two-step sign-in.');
  });

  it('is still asked for after a password reset', async () => {
    const { member, secret, cookie } = await enrolledMember();
    // The emailed link's token (the mail itself is the reset flow's own test).
    const { token, hash } = newSecretToken();
    await t.database.prisma.passwordResetToken.create({
      data: { userId: member.id, tokenHash: hash, expiresAt: new Date(Date.now() + 30 * 60_000) },
    });
    const newPassword = 'another long enough password';
    await request(t.http).post('/auth/password-reset/complete').send({ token, newPassword }).expect(204);
    await get('/account/mfa', cookie).expect(401);

    const afterReset = await login(member, newPassword);
    expect(afterReset.mfa).toBe('challenge');
    await get('/account/mfa', afterReset.cookie).expect(401);
    await post('/account/mfa/totp/setup', afterReset.cookie).send({ currentPassword: newPassword }).expect(401);
    await post('/auth/mfa', afterReset.cookie).send({ code: await nextCode(secret, member.id) }).expect(200);
    expect((await storedUser(member.id)).totpEnabledAt).toBeInstanceOf(Date);
  });
});

describe('recovery codes and turning off', () => {
  it('replaces the recovery codes only with the current password; the old ones stop working', async () => {
    const { member, recoveryCodes, cookie } = await enrolledMember();
    await post('/account/mfa/recovery-codes', cookie).send({ currentPassword: 'wrong password here' }).expect(400);
    expect((await storedRecoveryCodes(member.id)).map((row) => row.codeHash)).toHaveLength(10);

    const replaced = await post('/account/mfa/recovery-codes', cookie).send({ currentPassword: PASSWORD }).expect(200);
    const fresh = replaced.body.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => recoveryCodes.includes(code))).toBe(false);

    const pending = await login(member);
    await post('/auth/mfa', pending.cookie).send({ code: recoveryCodes[0] }).expect(400);
    await post('/auth/mfa', pending.cookie).send({ code: fresh[0] }).expect(200);
  });

  it('turns off only with the current password and a code', async () => {
    const { member, secret, cookie } = await enrolledMember();
    const code = await nextCode(secret, member.id);

    const noCode = await del('/account/mfa/totp', cookie).send({ currentPassword: PASSWORD }).expect(400);
    expect(noCode.body.error.fields).toEqual({ code: ['Invalid input: expected string, received undefined'] });
    await del('/account/mfa/totp', cookie).send({ currentPassword: 'not my password!', code }).expect(400);
    const wrongCode = await del('/account/mfa/totp', cookie).send({ currentPassword: PASSWORD, code: '000000' }).expect(400);
    expect(wrongCode.body.error.code).toBe('INVALID_MFA_CODE');
    expect((await storedUser(member.id)).totpEnabledAt).toBeInstanceOf(Date);

    await del('/account/mfa/totp', cookie).send({ currentPassword: PASSWORD, code }).expect(204);
    const user = await storedUser(member.id);
    expect([user.totpSecretEnc, user.totpEnabledAt, user.totpLastUsedStep]).toEqual([null, null, null]);
    expect(await storedRecoveryCodes(member.id)).toEqual([]);
    expect((await login(member)).mfa).toBe('satisfied');
  });
});

describe('an organisation that requires two-step sign-in', () => {
  it('is set by an administrator who has it, and holds members without it to enrolment', async () => {
    const admin = await makeMember('ORG_ADMIN');
    const member = await makeMember('CASEWORKER', admin.organizationId);
    const adminSession = await login(admin);

    const notYet = await put('/organizations/current/mfa-requirement', adminSession.cookie).send({ required: true }).expect(409);
    expect(notYet.body.error.message).toBe('Set up two-step sign-in for your own account before requiring it of everyone.');
    const caseworker = await login(member);
    await put('/organizations/current/mfa-requirement', caseworker.cookie).send({ required: true }).expect(404);
    await get('/organizations/current/mfa-requirement', caseworker.cookie).expect(404);
    const invalid = await put('/organizations/current/mfa-requirement', adminSession.cookie).send({ required: 'yes' }).expect(400);
    expect(invalid.body.error.fields).toEqual({ required: ['Choose yes or no'] });

    const enrolled = await enrol(admin, adminSession.cookie);
    const set = await put('/organizations/current/mfa-requirement', enrolled.cookie).send({ required: true }).expect(200);
    expect(set.body).toEqual({ required: true, membersWithoutMfa: 1 });
    const audit = await t.database.prisma.auditEvent.findMany({ where: { organizationId: admin.organizationId } });
    expect(audit).toContainEqual(expect.objectContaining({ entity: 'organization', action: 'update', fields: ['requireMfa'] }));

    // The member's open session is held at once, and so is a new one.
    const held = await get('/account/mfa', caseworker.cookie).expect(401);
    expect(held.body.error).toMatchObject({
      code: 'MFA_REQUIRED',
      message: 'Your organisation requires two-step sign-in. Set it up to continue.',
    });
    const next = await login(member);
    expect(next.mfa).toBe('enrolment');
    await post('/auth/mfa', next.cookie).send({ code: '123456' }).expect(409);

    const memberEnrolled = await enrol(member, next.cookie);
    await get('/account/mfa', memberEnrolled.cookie).expect(200, {
      totpEnabled: true,
      recoveryCodesLeft: 10,
      requiredByOrganization: true,
      passkeys: [],
    });
    await get('/organizations/current/mfa-requirement', enrolled.cookie).expect(200, { required: true, membersWithoutMfa: 0 });

    const refused = await del('/account/mfa/totp', memberEnrolled.cookie)
      .send({ currentPassword: PASSWORD, code: memberEnrolled.recoveryCodes[0] })
      .expect(409);
    expect(refused.body.error).toMatchObject({
      code: 'MFA_REQUIRED_BY_ORGANIZATION',
      message:
        'Your organisation requires two-step sign-in, so it cannot be turned off. You can set it up again on a new device instead.',
    });
    expect((await storedUser(member.id)).totpEnabledAt).toBeInstanceOf(Date);

    await put('/organizations/current/mfa-requirement', enrolled.cookie).send({ required: false }).expect(200, {
      required: false,
      membersWithoutMfa: 0,
    });
  });
});

describe('passkeys', () => {
  const origin = () => new URL(t.config.publicUrl).origin;

  /** Adds a passkey through the API for a signed-in member; returns the authenticator holding it. */
  async function addPasskey(cookie: string, name = 'Work laptop') {
    const authenticator = new TestAuthenticator(origin());
    const options = await post('/account/mfa/passkeys/options', cookie).send({ currentPassword: PASSWORD }).expect(200);
    const added = await post('/account/mfa/passkeys', cookie)
      .send({ name, credential: authenticator.register(options.body as { challenge: string; rp: { id: string } }) })
      .expect(201);
    return { authenticator, passkey: added.body as { id: string; name: string } };
  }

  async function passkeyOptions(cookie: string) {
    const options = await post('/auth/mfa/passkey/options', cookie).expect(200);
    return options.body as { challenge: string; rpId: string; allowCredentials: { id: string }[] };
  }

  it('is added only with the authenticator app on and the current password, and then answers the challenge', async () => {
    const plain = await makeMember();
    const plainSession = await login(plain);
    const notYet = await post('/account/mfa/passkeys/options', plainSession.cookie).send({ currentPassword: PASSWORD }).expect(409);
    expect(notYet.body.error.message).toBe('Turn on two-step sign-in with an authenticator app before adding a passkey.');

    const { member, cookie } = await enrolledMember();
    await post('/account/mfa/passkeys/options', cookie).send({ currentPassword: 'not my password!' }).expect(400);
    const options = await post('/account/mfa/passkeys/options', cookie).send({ currentPassword: PASSWORD }).expect(200);
    expect(options.body).toMatchObject({ rp: { name: 'Lapata', id: 'localhost' }, user: { name: member.email }, excludeCredentials: [] });

    const authenticator = new TestAuthenticator(origin());
    const credential = authenticator.register(options.body as { challenge: string; rp: { id: string } });
    const added = await post('/account/mfa/passkeys', cookie).send({ name: 'Work laptop', credential }).expect(201);
    expect(added.body).toEqual({ id: expect.any(String), name: 'Work laptop', createdAt: expect.any(String), lastUsedAt: null });
    // The challenge works once, even for another device answering it.
    const second = new TestAuthenticator(origin()).register(options.body as { challenge: string; rp: { id: string } });
    const replayed = await post('/account/mfa/passkeys', cookie).send({ name: 'Again', credential: second }).expect(400);
    expect(replayed.body.error.code).toBe('INVALID_PASSKEY');

    const stored = await t.database.prisma.webAuthnCredential.findMany({ where: { userId: member.id } });
    expect(stored).toHaveLength(1);
    expect(Buffer.from(stored[0]!.credentialId).equals(authenticator.credentialId)).toBe(true);
    expect(Buffer.from(stored[0]!.nameEnc!).toString('latin1')).not.toContain('Work laptop');
    const status = await get('/account/mfa', cookie).expect(200);
    expect(status.body.passkeys).toEqual([added.body]);

    const pending = await login(member);
    const challenge = await passkeyOptions(pending.cookie);
    expect(challenge.allowCredentials.map((allowed) => allowed.id)).toEqual([authenticator.credentialId.toString('base64url')]);
    const assertion = authenticator.authenticate(challenge);
    const passed = await post('/auth/mfa/passkey', pending.cookie).send({ credential: assertion }).expect(200);
    expect(passed.body).toEqual({ mfa: 'satisfied' });
    const verified = sessionCookie(passed);
    await get('/account/mfa', verified).expect(200);
    await get('/account/mfa', pending.cookie).expect(401);
    expect((await t.database.prisma.webAuthnCredential.findFirstOrThrow({ where: { userId: member.id } })).lastUsedAt).toBeInstanceOf(Date);

    // The same signed answer, in a new sign-in: its challenge is spent.
    const again = await login(member);
    await passkeyOptions(again.cookie);
    const replay = await post('/auth/mfa/passkey', again.cookie).send({ credential: assertion }).expect(400);
    expect(replay.body.error).toMatchObject({
      code: 'INVALID_PASSKEY',
      message: 'This passkey was not accepted. Try again, or use a code instead.',
    });
    await get('/account/mfa', again.cookie).expect(401);
  });

  it('refuses another key, another site, and a challenge given to another session', async () => {
    const { member, cookie } = await enrolledMember();
    const { authenticator } = await addPasskey(cookie);

    const pending = await login(member);
    const challenge = await passkeyOptions(pending.cookie);
    const impostor = new TestAuthenticator(origin(), { credentialId: authenticator.credentialId });
    await post('/auth/mfa/passkey', pending.cookie).send({ credential: impostor.authenticate(challenge) }).expect(400);
    await post('/auth/mfa/passkey', pending.cookie)
      .send({ credential: authenticator.authenticate(challenge, { origin: 'https://lapata.example.net' }) })
      .expect(400);

    const other = await login(member);
    await post('/auth/mfa/passkey', other.cookie).send({ credential: authenticator.authenticate(challenge) }).expect(400);
    await get('/account/mfa', other.cookie).expect(401);

    // The right answer to this session's own challenge still works.
    await post('/auth/mfa/passkey', pending.cookie).send({ credential: authenticator.authenticate(challenge) }).expect(200);
    expect(t.logs.lines).toContainEqual(
      expect.objectContaining({
        msg: 'Second factor refused',
        mfaAttempt: expect.objectContaining({ userId: member.id, method: 'passkey', outcome: 'wrong-passkey' }),
      }),
    );
  });

  it('answers 409 to sessions that owe no challenge, and is removed with the password or with the app', async () => {
    const { member, cookie } = await enrolledMember();
    await post('/auth/mfa/passkey/options', cookie).expect(409);
    const pending = await login(member);
    const none = await post('/auth/mfa/passkey/options', pending.cookie).expect(409);
    expect(none.body.error.message).toBe('No passkey is set up for this account. Use a code instead.');

    const first = await addPasskey(cookie, 'Phone');
    await addPasskey(cookie, 'Security key');
    await del(`/account/mfa/passkeys/${first.passkey.id}`, cookie).send({ currentPassword: 'not my password!' }).expect(400);
    await del(`/account/mfa/passkeys/${first.passkey.id}`, cookie).send({ currentPassword: PASSWORD }).expect(204);
    await del(`/account/mfa/passkeys/${first.passkey.id}`, cookie).send({ currentPassword: PASSWORD }).expect(404);
    expect((await get('/account/mfa', cookie).expect(200)).body.passkeys.map((p: { name: string }) => p.name)).toEqual(['Security key']);

    const code = await nextCode((await storedSecret(member.id))!, member.id);
    await del('/account/mfa/totp', cookie).send({ currentPassword: PASSWORD, code }).expect(204);
    expect(await t.database.prisma.webAuthnCredential.count({ where: { userId: member.id } })).toBe(0);
  });
});
