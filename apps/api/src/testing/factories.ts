import { randomBytes } from 'node:crypto';
import type { GrantLevel, Role } from '@lapata/contracts';
import { type PrismaClient, uuidv7 } from '@lapata/db';
import { hashSecretToken } from '../modules/auth/session-token';
import { sessionCookieName } from '../modules/auth/session-cookie';
import { newOrganizationKey } from '../modules/organizations/organization-keys';
import { PasswordHasher } from '../modules/users/password-hasher';
import { encryptUserFields } from '../modules/users/user-fields';
import type { TestApp } from './test-app';

/**
 * Small factories for tests, written straight to the test's own database as its owner (so they
 * are not limited by row-level security). Values are random so files can run in parallel.
 */
const suffix = () => randomBytes(4).toString('hex');

/** One real Argon2id hash (of a password nobody knows) shared by factory users: hashing is slow. */
let unknownPasswordHash: Promise<string> | undefined;
const someoneElsesPasswordHash = () => (unknownPasswordHash ??= new PasswordHasher().hash(randomBytes(16).toString('hex')));

export async function makeOrg(t: TestApp, name = `Org ${suffix()}`): Promise<{ id: string; prefix: string }> {
  const prefix = Array.from(randomBytes(5), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
  const org = await t.database.prisma.organization.create({ data: { name, caseReferencePrefix: prefix }, select: { id: true } });
  await t.database.prisma.organizationKey.create({
    data: { organizationId: org.id, ...newOrganizationKey(t.config.keys, org.id) },
  });
  return { id: org.id, prefix };
}

export async function makeUser(
  t: TestApp,
  options: { organizationId?: string; role?: Role; email?: string; displayName?: string; passwordHash?: string } = {},
): Promise<{ id: string; email: string }> {
  const prisma: PrismaClient = t.database.prisma;
  const email = options.email ?? `user-${suffix()}@example.org`;
  const id = uuidv7();
  await prisma.user.create({
    data: {
      id,
      ...encryptUserFields(t.config.keys, id, { email, displayName: options.displayName ?? `Test user ${suffix()}` }),
      passwordHash: options.passwordHash ?? (await someoneElsesPasswordHash()),
    },
  });
  if (options.organizationId) {
    await prisma.membership.create({
      data: { organizationId: options.organizationId, userId: id, role: options.role ?? 'CASEWORKER' },
    });
  }
  return { id, email };
}

export async function makeCase(t: TestApp, organizationId: string): Promise<{ id: string }> {
  return t.database.prisma.case.create({
    data: { organizationId, reference: `T-${suffix()}` },
    select: { id: true },
  });
}

export async function makeGrant(
  t: TestApp,
  input: { caseId: string; userId: string; level: GrantLevel; expiresAt?: Date; revoked?: boolean; breakGlass?: boolean },
): Promise<{ id: string }> {
  const found = await t.database.prisma.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { organizationId: true } });
  return t.database.prisma.caseGrant.create({
    data: {
      organizationId: found.organizationId,
      caseId: input.caseId,
      userId: input.userId,
      level: input.level,
      kind: input.breakGlass ? 'BREAK_GLASS' : 'GRANT',
      grantedById: input.userId,
      expiresAt: input.expiresAt ?? null,
      revokedAt: input.revoked ? new Date() : null,
    },
    select: { id: true },
  });
}

/**
 * A live, MFA-satisfied session for the user, as the login flow would leave it, and the cookie
 * header that carries it. (Login itself is tested in the auth module.)
 */
export async function signIn(t: TestApp, userId: string, organizationId: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await t.database.prisma.session.create({
    data: {
      userId,
      tokenHash: hashSecretToken(token),
      activeOrganizationId: organizationId,
      mfaVerifiedAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return `${sessionCookieName(t.config)}=${token}`;
}
