import { randomBytes } from 'node:crypto';
import type { Role } from '@lapata/contracts';
import request, { type Response } from 'supertest';
import { sessionCookieName } from '../modules/auth/session-cookie';
import { PasswordHasher } from '../modules/users/password-hasher';
import { makeOrg, makeUser } from './factories';
import type { TestApp } from './test-app';

export interface TestAccount {
  id: string;
  email: string;
  password: string;
}

/**
 * A user with a real Argon2id password hash, so tests can sign in through POST /auth/login, and
 * live memberships in the given organisations.
 */
export async function makeAccount(
  t: TestApp,
  options: {
    memberships?: { organizationId: string; role: Role }[];
    password?: string;
    locale?: 'en' | 'ur';
    totp?: boolean;
  } = {},
): Promise<TestAccount> {
  const password = options.password ?? `river lantern ${randomBytes(6).toString('hex')}`;
  const [first, ...others] = options.memberships ?? [];
  const user = await makeUser(t, {
    organizationId: first?.organizationId,
    role: first?.role,
    passwordHash: await new PasswordHasher().hash(password),
  });
  for (const membership of others) {
    await t.database.prisma.membership.create({ data: { ...membership, userId: user.id } });
  }
  if (options.locale || options.totp) {
    await t.database.prisma.user.update({
      where: { id: user.id },
      data: { locale: options.locale, totpEnabledAt: options.totp ? new Date() : undefined },
    });
  }
  return { id: user.id, email: user.email, password };
}

/** An organisation with one member of `role`, who can sign in. */
export async function makeMember(t: TestApp, role: Role = 'CASEWORKER') {
  const organization = await makeOrg(t);
  const account = await makeAccount(t, { memberships: [{ organizationId: organization.id, role }] });
  return { organization, account };
}

/** The `Origin` every browser request from the web carries. */
export function sameOrigin(t: TestApp): { origin: string } {
  return { origin: new URL(t.config.publicUrl).origin };
}

/** The session cookie a response sets, as a `Cookie` header value; undefined when none. */
export function sessionCookieFrom(t: TestApp, response: Response): string | undefined {
  const name = sessionCookieName(t.config);
  const header = response.headers['set-cookie'] as string[] | string | undefined;
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const line = lines.find((candidate) => candidate.startsWith(`${name}=`));
  const value = line?.split(';', 1)[0];
  return value && value !== `${name}=` ? value : undefined;
}

/** Signs in through the real endpoint and returns the session cookie. */
export async function logIn(
  t: TestApp,
  account: Pick<TestAccount, 'email' | 'password'>,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await request(t.http)
    .post('/auth/login')
    .set(headers)
    .send({ email: account.email, password: account.password })
    .expect(200);
  const cookie = sessionCookieFrom(t, response);
  if (!cookie) throw new Error('POST /auth/login set no session cookie');
  return cookie;
}
