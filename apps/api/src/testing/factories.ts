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

/**
 * A forum of the organisation, of a seeded kind (the first by sort order unless `kindCode` says),
 * or of a kind of the organisation's own named `ownKindName`.
 */
export async function makeReminderForum(
  t: TestApp,
  organizationId: string,
  options: { name?: string; timeZone?: string | null; kindCode?: string; ownKindName?: string } = {},
): Promise<{ id: string; kindNameEn: string }> {
  const kind = options.ownKindName
    ? await t.database.prisma.forumKind.create({
        data: { organizationId, code: `own-${suffix()}`, nameEn: options.ownKindName, nameUr: 'اپنی عدالت' },
        select: { id: true, nameEn: true },
      })
    : await t.database.prisma.forumKind.findFirstOrThrow({
        where: { organizationId: null, ...(options.kindCode ? { code: options.kindCode } : {}) },
        orderBy: { sortOrder: 'asc' },
        select: { id: true, nameEn: true },
      });
  const forum = await t.database.prisma.forum.create({
    data: {
      organizationId,
      kindId: kind.id,
      name: options.name ?? `Forum ${suffix()}`,
      timeZone: options.timeZone === undefined ? 'Asia/Karachi' : options.timeZone,
    },
    select: { id: true },
  });
  return { id: forum.id, kindNameEn: kind.nameEn };
}

/** A proceeding of the case before the forum, with its counsel (users) recorded. */
export async function makeReminderProceeding(
  t: TestApp,
  input: { caseId: string; forumId: string; counselIds?: string[] },
): Promise<{ id: string }> {
  const found = await t.database.prisma.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { organizationId: true } });
  const proceeding = await t.database.prisma.proceeding.create({
    data: { organizationId: found.organizationId, caseId: input.caseId, forumId: input.forumId, type: 'PETITION' },
    select: { id: true },
  });
  for (const userId of input.counselIds ?? []) {
    await t.database.prisma.proceedingCounsel.create({
      data: { organizationId: found.organizationId, proceedingId: proceeding.id, userId },
    });
  }
  return proceeding;
}

/** A hearing of the proceeding at `scheduledAt`. */
export async function makeReminderHearing(t: TestApp, input: { proceedingId: string; scheduledAt: Date }): Promise<{ id: string }> {
  const proceeding = await t.database.prisma.proceeding.findUniqueOrThrow({
    where: { id: input.proceedingId },
    select: { organizationId: true, caseId: true },
  });
  return t.database.prisma.hearing.create({
    data: { ...proceeding, proceedingId: input.proceedingId, scheduledAt: input.scheduledAt },
    select: { id: true },
  });
}
