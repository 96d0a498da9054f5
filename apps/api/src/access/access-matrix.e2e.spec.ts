import { randomBytes } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { Role } from '@lapata/contracts';
import { uuidv7 } from '@lapata/db';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecretToken } from '../modules/auth/session-token';
import { encryptInvitationEmail } from '../modules/invitations/invitation-fields';
import {
  makeCase,
  makeGrant,
  makeOrg,
  makeReminderForum,
  makeReminderHearing,
  makeReminderProceeding,
  makeUser,
  signIn,
} from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/test-app';
import { uploadedFiling, uploadedPhoto } from '../testing/upload-files';
import { type CaseStanding, caseAllows, roleAllows } from './policy';
import { ROUTE_ACCESS, type RouteAccess } from './route-access';

/**
 * The access matrix: every route registered in Nest's router, called as every kind of user, gets
 * the status the policy table promises. Routes come from the router, not from a list kept by
 * hand, so a new route without an access declaration or a fixture fails here.
 */

interface Route {
  method: string;
  path: string;
  access: RouteAccess | undefined;
}

interface Actor {
  name: string;
  userId: string;
  organizationId: string;
  role: Role;
  standing: CaseStanding;
}

interface World {
  t: TestApp;
  orgA: string;
  caseA: string;
  adminOfA: string;
  /** Members of organisation A that fixtures may act on (change, disable). */
  newMemberOfA(): Promise<string>;
}

/** How to call one route: its path parameters and body. Fresh resources per call, so calls don't interfere. */
interface Fixture {
  params?(world: World, actor: Actor | null): Promise<Record<string, string>>;
  body?(world: World, actor: Actor | null): unknown;
}

const key = (method: string, path: string) => `${method} ${path}`;

const FIXTURES: Record<string, Fixture> = {
  [key('POST', '/auth/logout')]: {},
  [key('GET', '/auth/session')]: {},
  [key('GET', '/account/sessions')]: {},
  [key('POST', '/account/sessions/end-others')]: {},
  [key('DELETE', '/account/sessions/:sessionId')]: {
    // One of the actor's own sessions (another user's answers 404, tested in the auth module).
    params: async (w, actor) => {
      const session = await w.t.database.prisma.session.create({
        data: {
          userId: actor?.userId ?? (await w.newMemberOfA()),
          tokenHash: crypto.getRandomValues(new Uint8Array(32)),
          expiresAt: new Date(Date.now() + 3_600_000),
        },
        select: { id: true },
      });
      return { sessionId: session.id };
    },
  },
  // An invalid body: reaching validation (400) shows the route let the actor in.
  [key('POST', '/account/password')]: { body: () => ({ currentPassword: '', newPassword: 'short' }) },
  [key('GET', '/account/reminder-settings')]: {},
  [key('PUT', '/account/reminder-settings')]: { body: () => ({ offsetsMinutes: [1], familyOptIn: true, version: 1 }) },
  [key('GET', '/account/calendar-feed')]: {},
  [key('POST', '/account/calendar-feed')]: {},
  [key('DELETE', '/account/calendar-feed')]: {},
  [key('POST', '/cases')]: { body: () => ({ tags: ['matrix'] }) },
  [key('GET', '/cases')]: {},
  [key('GET', '/cases/:caseId')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('GET', '/cases/:caseId/summary')]: { params: async (w) => ({ caseId: w.caseA }) },
  // A stale version: an allowed actor reaches the version check (409) and nothing is written.
  [key('PATCH', '/cases/:caseId')]: { params: async (w) => ({ caseId: w.caseA }), body: () => ({ tags: ['matrix'], version: 999 }) },
  [key('POST', '/cases/:caseId/status')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ status: 'CLOSED', effectiveOn: '2020-01-01', version: 999 }),
  },
  [key('POST', '/cases/search')]: { body: () => ({ by: 'name', name: 'Matrix Person' }) },
  [key('GET', '/cases/caseworkers')]: {},
  [key('POST', '/cases/:caseId/person/duplicate-check')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ fullNameLatin: 'Matrix Person', guardianName: 'Matrix Father' }),
  },
  [key('GET', '/cases/:caseId/grants')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('POST', '/cases/:caseId/grants')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ email: 'matrix-grantee@example.org', level: 'VIEW' }),
  },
  [key('DELETE', '/cases/:caseId/grants/:grantId')]: {
    params: async (w) => {
      const grantee = await w.newMemberOfA();
      const grant = await makeGrant(w.t, { caseId: w.caseA, userId: grantee, level: 'VIEW' });
      return { caseId: w.caseA, grantId: grant.id };
    },
  },
  [key('POST', '/cases/:caseId/break-glass')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ reason: 'Hearing tomorrow morning, counsel unreachable' }),
  },
  // A person with no personal field filled in, so that reading reaches the record.
  [key('GET', '/cases/:caseId/person')]: {
    params: async (w) => {
      const found = await w.t.database.prisma.case.findUniqueOrThrow({ where: { id: w.caseA }, select: { organizationId: true } });
      await w.t.database.prisma.missingPerson.upsert({
        where: { caseId: w.caseA },
        create: { organizationId: found.organizationId, caseId: w.caseA },
        update: {},
      });
      return { caseId: w.caseA };
    },
  },
  // A valid body: the record exists (above), so an allowed actor gets 400 for the missing version.
  [key('PUT', '/cases/:caseId/person')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ fullNameLatin: 'Matrix Person' }),
  },
  // Disappearance, relatives and diary (modules/disappearances, relatives, diary). Records are
  // made through the API, so that every route reading the case (an export) can decrypt them.
  [key('GET', '/cases/:caseId/disappearance')]: {
    params: async (w) => {
      await w.t.database.prisma.disappearance.upsert({
        where: { caseId: w.caseA },
        create: { organizationId: w.orgA, caseId: w.caseA },
        update: {},
      });
      return { caseId: w.caseA };
    },
  },
  // The record exists (above), so an allowed actor gets 400 for the missing version.
  [key('PUT', '/cases/:caseId/disappearance')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ lastSeenPlace: 'Matrix place' }),
  },
  [key('GET', '/cases/:caseId/relatives')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('POST', '/cases/:caseId/relatives')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ relationship: 'MOTHER', name: 'Matrix Relative' }),
  },
  // A stale version: an allowed actor gets 409.
  [key('PUT', '/cases/:caseId/relatives/:relativeId')]: {
    params: async (w) => ({ caseId: w.caseA, relativeId: await matrixRecord(w, w.adminOfA, 'relatives', matrixRelative) }),
    body: () => ({ ...matrixRelative, version: 99 }),
  },
  [key('DELETE', '/cases/:caseId/relatives/:relativeId')]: {
    params: async (w) => ({ caseId: w.caseA, relativeId: await matrixRecord(w, w.adminOfA, 'relatives', matrixRelative) }),
  },
  [key('GET', '/cases/:caseId/diary')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('POST', '/cases/:caseId/diary')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => matrixDiaryEntry,
  },
  // The actor's own entry where they may write one (only its author or a manager may change it),
  // at a stale version: an allowed actor gets 409.
  [key('PUT', '/cases/:caseId/diary/:entryId')]: {
    params: async (w, actor) => ({ caseId: w.caseA, entryId: await matrixRecord(w, actor?.userId ?? w.adminOfA, 'diary', matrixDiaryEntry) }),
    body: () => ({ ...matrixDiaryEntry, version: 99 }),
  },
  [key('DELETE', '/cases/:caseId/diary/:entryId')]: {
    params: async (w, actor) => ({ caseId: w.caseA, entryId: await matrixRecord(w, actor?.userId ?? w.adminOfA, 'diary', matrixDiaryEntry) }),
  },
  [key('GET', '/notifications')]: {},
  // Photos and documents: uploads get a JSON body (an allowed actor reaches the "no file" 400);
  // downloads and deletes get a fresh item stored through the API as the admin of A.
  [key('GET', '/cases/:caseId/person/photos')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('POST', '/cases/:caseId/person/photos')]: { params: async (w) => ({ caseId: w.caseA }), body: () => ({}) },
  [key('GET', '/cases/:caseId/person/photos/:photoId')]: {
    params: async (w) => ({ caseId: w.caseA, photoId: await uploadedPhoto(w.t, w.caseA, w.orgA, w.adminOfA) }),
  },
  [key('DELETE', '/cases/:caseId/person/photos/:photoId')]: {
    params: async (w) => ({ caseId: w.caseA, photoId: await uploadedPhoto(w.t, w.caseA, w.orgA, w.adminOfA) }),
  },
  [key('GET', '/cases/:caseId/filings')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('POST', '/cases/:caseId/filings')]: { params: async (w) => ({ caseId: w.caseA }), body: () => ({}) },
  [key('GET', '/cases/:caseId/filings/:filingId')]: {
    params: async (w) => ({ caseId: w.caseA, filingId: await uploadedFiling(w.t, w.caseA, w.orgA, w.adminOfA) }),
  },
  // A valid body with a version that is not the current one: allowed actors get 409.
  [key('PATCH', '/cases/:caseId/filings/:filingId')]: {
    params: async (w) => ({ caseId: w.caseA, filingId: await uploadedFiling(w.t, w.caseA, w.orgA, w.adminOfA) }),
    body: () => ({ kind: 'OTHER', title: 'Matrix', version: 99 }),
  },
  [key('POST', '/cases/:caseId/filings/:filingId/versions')]: {
    params: async (w) => ({ caseId: w.caseA, filingId: await uploadedFiling(w.t, w.caseA, w.orgA, w.adminOfA) }),
    body: () => ({}),
  },
  [key('GET', '/cases/:caseId/filings/:filingId/versions/:number/content')]: {
    params: async (w) => ({ caseId: w.caseA, filingId: await uploadedFiling(w.t, w.caseA, w.orgA, w.adminOfA), number: '1' }),
  },
  // Erasure: a fresh case of A per call, so deleting it never hides case A from later cells.
  [key('POST', '/cases/:caseId/deletion')]: {
    params: async (w) => ({ caseId: (await makeCase(w.t, w.orgA)).id }),
    body: () => ({ reason: 'The family asked us to erase the case' }),
  },
  [key('DELETE', '/cases/:caseId/deletion')]: {
    params: async (w) => {
      const { id } = await makeCase(w.t, w.orgA);
      await w.t.database.prisma.case.update({ where: { id }, data: { deletedAt: new Date(), purgeAfter: new Date(Date.now() + 86_400_000) } });
      return { caseId: id };
    },
  },
  [key('GET', '/organizations/current/deleted-cases')]: {},
  [key('GET', '/cases/:caseId/audit')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('GET', '/organizations/current/audit')]: {},
  // Second factor: account routes, so every signed-in user reaches them; wrong passwords and
  // codes answer 400, which still shows the route let them in.
  [key('GET', '/account/mfa')]: {},
  [key('POST', '/account/mfa/totp/setup')]: { body: () => ({ currentPassword: 'not the password' }) },
  [key('POST', '/account/mfa/totp/confirm')]: { body: () => ({ code: '123456' }) },
  [key('POST', '/account/mfa/recovery-codes')]: { body: () => ({ currentPassword: 'not the password' }) },
  [key('DELETE', '/account/mfa/totp')]: { body: () => ({ currentPassword: 'not the password', code: '123456' }) },
  [key('POST', '/auth/mfa')]: { body: () => ({ code: '123456' }) },
  [key('POST', '/auth/mfa/passkey/options')]: {},
  [key('POST', '/auth/mfa/passkey')]: { body: () => ({ credential: { id: 'x', rawId: 'x', type: 'public-key', response: {} } }) },
  [key('POST', '/account/mfa/passkeys/options')]: { body: () => ({ currentPassword: 'not the password' }) },
  [key('POST', '/account/mfa/passkeys')]: {
    body: () => ({ name: 'Phone', credential: { id: 'x', rawId: 'x', type: 'public-key', response: {} } }),
  },
  [key('DELETE', '/account/mfa/passkeys/:passkeyId')]: {
    params: async (w, actor) => {
      const passkey = await w.t.database.prisma.webAuthnCredential.create({
        data: { userId: actor?.userId ?? (await w.newMemberOfA()), credentialId: randomBytes(16), publicKey: randomBytes(32) },
        select: { id: true },
      });
      return { passkeyId: passkey.id };
    },
    body: () => ({ currentPassword: 'not the password' }),
  },
  [key('GET', '/organizations/current/mfa-requirement')]: {},
  [key('PUT', '/organizations/current/mfa-requirement')]: { body: () => ({ required: false }) },
  [key('POST', '/organizations/current/invitations')]: {
    body: () => ({ email: `invitee-${randomBytes(4).toString('hex')}@example.org`, role: 'FAMILY' }),
  },
  [key('GET', '/organizations/current/invitations')]: {},
  [key('DELETE', '/organizations/current/invitations/:invitationId')]: {
    params: async (w) => {
      const id = uuidv7();
      const { token, hash } = newSecretToken();
      void token;
      await w.t.database.prisma.invitation.create({
        data: {
          id,
          organizationId: w.orgA,
          ...encryptInvitationEmail(w.t.config.keys, w.orgA, id, `pending-${randomBytes(4).toString('hex')}@example.org`),
          role: 'LAWYER',
          tokenHash: hash,
          invitedById: w.adminOfA,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      return { invitationId: id };
    },
  },
  [key('GET', '/organizations/current')]: {},
  [key('PATCH', '/organizations/current')]: { body: () => ({ version: 1, timeZone: 'Asia/Karachi' }) },
  [key('GET', '/account/organizations')]: {},
  [key('POST', '/account/organization')]: { body: (w, actor) => ({ organizationId: actor?.organizationId ?? w.orgA }) },
  [key('GET', '/organizations/current/members')]: {},
  [key('PATCH', '/organizations/current/members/:userId')]: {
    params: async (w) => ({ userId: await w.newMemberOfA() }),
    body: () => ({ role: 'LAWYER' }),
  },
  [key('POST', '/organizations/current/members/:userId/disable')]: {
    params: async (w) => ({ userId: await w.newMemberOfA() }),
  },
  [key('POST', '/organizations/current/members/:userId/enable')]: {
    params: async (w) => ({ userId: await w.newMemberOfA() }),
  },
  [key('POST', '/notifications/:notificationId/read')]: {
    params: async (w, actor) => {
      const notification = await w.t.database.prisma.notification.create({
        data: { organizationId: actor?.organizationId ?? w.orgA, userId: actor?.userId ?? (await w.newMemberOfA()), kind: 'GRANT_ADDED' },
        select: { id: true },
      });
      return { notificationId: notification.id };
    },
  },
  // Forums, proceedings and hearings (modules/forums, proceedings, hearings). Rows made here hold no
  // encrypted values, so reads reach them; writes carry a stale version (409) or an invalid body (400).
  [key('GET', '/forum-kinds')]: {},
  [key('POST', '/forum-kinds')]: {
    body: () => ({ code: `MATRIX_${randomBytes(4).toString('hex').toUpperCase()}`, nameEn: 'Matrix kind', nameUr: 'میٹرکس' }),
  },
  [key('GET', '/forums')]: {},
  // Valid bodies (validation runs before the access check): an unknown kind answers 400 to those let in.
  [key('POST', '/forums')]: { body: () => ({ kindId: uuidv7(), name: 'Matrix forum' }) },
  [key('GET', '/cases/:caseId/proceedings')]: { params: async (w) => ({ caseId: w.caseA }) },
  [key('POST', '/cases/:caseId/proceedings')]: {
    params: async (w) => ({ caseId: w.caseA }),
    body: () => ({ forumId: uuidv7(), type: 'PETITION' }),
  },
  [key('GET', '/cases/:caseId/proceedings/:proceedingId')]: { params: async (w) => matrixProceeding(w) },
  [key('PATCH', '/cases/:caseId/proceedings/:proceedingId')]: {
    params: async (w) => matrixProceeding(w),
    body: () => ({ forumId: uuidv7(), type: 'PETITION', version: 999 }),
  },
  [key('POST', '/cases/:caseId/proceedings/:proceedingId/status')]: {
    params: async (w) => matrixProceeding(w),
    body: () => ({ to: 'FILED', effectiveOn: '2020-01-01', note: null, version: 999 }),
  },
  [key('GET', '/cases/:caseId/proceedings/:proceedingId/hearings')]: { params: async (w) => matrixProceeding(w) },
  [key('POST', '/cases/:caseId/proceedings/:proceedingId/hearings')]: {
    params: async (w) => matrixProceeding(w),
    body: () => ({ localDateTime: '2030-01-01T10:00' }),
  },
  [key('GET', '/cases/:caseId/hearings/:hearingId')]: { params: async (w) => matrixHearing(w) },
  [key('PATCH', '/cases/:caseId/hearings/:hearingId')]: {
    params: async (w) => matrixHearing(w),
    body: () => ({ localDateTime: '2030-01-01T10:00', version: 999 }),
  },
  [key('POST', '/cases/:caseId/hearings/:hearingId/outcome')]: {
    params: async (w) => matrixHearing(w),
    body: () => ({ outcome: 'APPEARED', version: 999 }),
  },
  [key('GET', '/me/needs-attention')]: {},
  [key('POST', '/proceedings/lookup')]: { body: () => ({ caseNumber: 'C.P. No. D-1 of 2020' }) },
  // Without from/to: 400, which still shows the route let the actor in.
  [key('GET', '/me/hearings')]: {},
  [key('GET', '/cases/:caseId/export.json')]: { params: async (w) => ({ caseId: w.caseA }) },
  // A person with no personal field filled in, so that the export reaches the record.
  [key('GET', '/cases/:caseId/export.pfif.xml')]: {
    params: async (w) => {
      const found = await w.t.database.prisma.case.findUniqueOrThrow({ where: { id: w.caseA }, select: { organizationId: true } });
      await w.t.database.prisma.missingPerson.upsert({
        where: { caseId: w.caseA },
        create: { organizationId: found.organizationId, caseId: w.caseA },
        update: {},
      });
      return { caseId: w.caseA };
    },
  },
  // A JSON body: an allowed actor gets 415 (the file must be XML), so nothing is created.
  [key('POST', '/cases/import/pfif')]: { body: () => ({ file: 'not xml' }) },
};

async function matrixProceeding(w: World): Promise<{ caseId: string; proceedingId: string }> {
  const forum = await makeReminderForum(w.t, w.orgA);
  const proceeding = await makeReminderProceeding(w.t, { caseId: w.caseA, forumId: forum.id });
  return { caseId: w.caseA, proceedingId: proceeding.id };
}

async function matrixHearing(w: World): Promise<{ caseId: string; hearingId: string }> {
  const { proceedingId } = await matrixProceeding(w);
  const hearing = await makeReminderHearing(w.t, { proceedingId, scheduledAt: new Date(Date.now() - 86_400_000) });
  return { caseId: w.caseA, hearingId: hearing.id };
}

const matrixRelative = { relationship: 'FATHER', name: 'Matrix Relative' };
const matrixDiaryEntry = { kind: 'CALL', occurred: { from: '2024-06' }, body: 'Matrix call' };

/** A relative or diary entry of case A, written through the API by the user (or, if they may not write, the admin). */
async function matrixRecord(w: World, userId: string, collection: 'relatives' | 'diary', body: object): Promise<string> {
  for (const author of [userId, w.adminOfA]) {
    const cookie = await signIn(w.t, author, w.orgA);
    const created = await request(w.t.http)
      .post(`/cases/${w.caseA}/${collection}`)
      .set('Origin', w.t.config.publicUrl)
      .set('Cookie', cookie)
      .send(body);
    if (created.status === 201) return created.body.id as string;
  }
  throw new Error(`Could not write a ${collection} record for the matrix`);
}

function registeredRoutes(t: TestApp): Route[] {
  const reflector = t.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = normalise(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const path = normalise(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
        const access = reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [handler, controller]);
        routes.push({ method: RequestMethod[method], path: `/${[base, path].filter(Boolean).join('/')}`, access });
      }
    }
  }
  return routes;
}

function normalise(path: string | string[] | undefined): string {
  const first = Array.isArray(path) ? path[0] : path;
  return (first ?? '').replace(/^\/+|\/+$/g, '');
}

/** What the policy promises for this actor on this route: allowed, or the 404 that hides it. */
function expectAllowed(route: Route, actor: Actor): boolean {
  const access = route.access!;
  switch (access.kind) {
    case 'public':
    case 'account':
    case 'pending-mfa':
      return true;
    case 'organization': {
      // The route's resources (case, grant, member...) all belong to organisation A.
      const touchesResource = /:\w+/.test(route.path);
      return roleAllows(actor.role, access.permission) && (!touchesResource || actor.organizationId === actorsOrgA);
    }
    case 'case':
      return caseAllows(actor.standing, access.permission);
  }
}
let actorsOrgA = '';

describe('access matrix', () => {
  let t: TestApp;
  let world: World;
  let actors: Actor[];
  let routes: Route[];

  beforeAll(async () => {
    t = await startTestApp();
    const orgA = await makeOrg(t);
    const orgB = await makeOrg(t);
    actorsOrgA = orgA.id;
    const caseA = await makeCase(t, orgA.id);
    await makeUser(t, { organizationId: orgA.id, role: 'CASEWORKER', email: 'matrix-grantee@example.org' });
    world = {
      t,
      orgA: orgA.id,
      caseA: caseA.id,
      adminOfA: (await makeUser(t, { organizationId: orgA.id, role: 'ORG_ADMIN' })).id,
      newMemberOfA: async () => (await makeUser(t, { organizationId: orgA.id, role: 'FAMILY' })).id,
    };

    const none: CaseStanding = { isOrganizationAdmin: false, grantLevel: null, breakGlass: false, deleted: false };
    const actor = async (
      name: string,
      role: Role,
      organizationId: string,
      grant?: { level: 'VIEW' | 'CONTRIBUTE' | 'MANAGE'; expired?: boolean; revoked?: boolean },
    ): Promise<Actor> => {
      const user = await makeUser(t, { organizationId, role });
      if (grant) {
        await makeGrant(t, {
          caseId: caseA.id,
          userId: user.id,
          level: grant.level,
          expiresAt: grant.expired ? new Date(Date.now() - 60_000) : undefined,
          revoked: grant.revoked,
        });
      }
      const live = grant && !grant.expired && !grant.revoked;
      return {
        name,
        userId: user.id,
        organizationId,
        role,
        standing: {
          ...none,
          isOrganizationAdmin: role === 'ORG_ADMIN' && organizationId === orgA.id,
          grantLevel: live ? grant.level : null,
        },
      };
    };
    actors = [
      await actor('admin of A', 'ORG_ADMIN', orgA.id),
      await actor('caseworker of A without a grant', 'CASEWORKER', orgA.id),
      await actor('caseworker of A with VIEW', 'CASEWORKER', orgA.id, { level: 'VIEW' }),
      await actor('caseworker of A with CONTRIBUTE', 'CASEWORKER', orgA.id, { level: 'CONTRIBUTE' }),
      await actor('caseworker of A with MANAGE', 'CASEWORKER', orgA.id, { level: 'MANAGE' }),
      await actor('lawyer of A without a grant', 'LAWYER', orgA.id),
      await actor('lawyer of A with CONTRIBUTE', 'LAWYER', orgA.id, { level: 'CONTRIBUTE' }),
      await actor('family of A without a grant', 'FAMILY', orgA.id),
      await actor('family of A with MANAGE', 'FAMILY', orgA.id, { level: 'MANAGE' }),
      await actor('caseworker of A whose grant expired', 'CASEWORKER', orgA.id, { level: 'MANAGE', expired: true }),
      await actor('caseworker of A whose grant was revoked', 'CASEWORKER', orgA.id, { level: 'MANAGE', revoked: true }),
      await actor('admin of another organisation', 'ORG_ADMIN', orgB.id),
      await actor('caseworker of another organisation', 'CASEWORKER', orgB.id),
      await actor('external lawyer with a VIEW grant', 'LAWYER', orgB.id, { level: 'VIEW' }),
    ];
    routes = registeredRoutes(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds the routes in the router, each with an access declaration and a fixture', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(FIXTURES).length);
    const undeclared = routes.filter((route) => !route.access).map((route) => key(route.method, route.path));
    expect(undeclared, 'routes without @Public/@AccountAccess/@OrganizationAccess/@CaseAccess').toEqual([]);
    const missing = routes
      .filter((route) => route.access?.kind !== 'public' && !FIXTURES[key(route.method, route.path)])
      .map((route) => key(route.method, route.path));
    expect(missing, 'routes without a fixture in access-matrix.e2e.spec.ts').toEqual([]);
  });

  it('answers 401 without a session on every route that is not public', async () => {
    for (const route of routes.filter((r) => r.access?.kind !== 'public')) {
      const response = await call(world, route, null, undefined);
      expect(response.status, key(route.method, route.path)).toBe(401);
    }
  });

  it('answers every route as the policy table says, for every kind of user', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.access && r.access.kind !== 'public')) {
      for (const actor of actors) {
        const cookie = await signIn(t, actor.userId, actor.organizationId);
        const response = await call(world, route, actor, cookie);
        const allowed = expectAllowed(route, actor);
        const ok = allowed ? ![401, 403, 404].includes(response.status) && response.status < 500 : response.status === 404;
        if (!ok) {
          failures.push(`${key(route.method, route.path)} as ${actor.name}: expected ${allowed ? 'allowed' : '404'}, got ${response.status}`);
        }
        if (!allowed && response.status === 404) {
          expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found.', requestId: expect.any(String) } });
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route × every kind of user: well over a thousand requests on a shared 2-core machine.
  }, 300_000);
});

async function call(world: World, route: Route, actor: Actor | null, cookie: string | undefined) {
  const fixture = FIXTURES[key(route.method, route.path)] ?? {};
  const params = fixture.params ? await fixture.params(world, actor) : {};
  const path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`Fixture for ${key(route.method, route.path)} gives no :${name}`);
    return value;
  });
  const agent = request(world.t.http);
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let pending = agent[method](path).set('Origin', world.t.config.publicUrl);
  if (cookie) pending = pending.set('Cookie', cookie);
  const body = fixture.body?.(world, actor);
  const response = await (body === undefined ? pending : pending.send(body as object));
  // A break-glass call that was let in opens the case for that actor; end it so every later cell
  // sees the standing the matrix declares for the actor.
  await world.t.database.prisma.caseGrant.updateMany({
    where: { caseId: world.caseA, kind: 'BREAK_GLASS', revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return response;
}
