import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCase,
  makeGrant,
  makeOrg,
  makeReminderForum,
  makeReminderHearing,
  makeReminderProceeding,
  makeUser,
  signIn,
} from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const DAY = 86_400_000;

/** 04:30 UTC (09:30 in Karachi), `days` from today. */
function karachiMorning(days: number): Date {
  const at = new Date(Date.now() + days * DAY);
  at.setUTCHours(4, 30, 0, 0);
  return at;
}

const tokenOf = (url: string) => /\/api\/calendar\/([\w-]+)\.ics$/.exec(url)?.[1] ?? '';

function events(body: string): VEvent[] {
  return Object.values(ical.sync.parseICS(body)).filter((item): item is VEvent => item?.type === 'VEVENT');
}

describe('calendar feed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { LAPATA_WORKER: 'off' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  const prisma = () => t.database.prisma;
  const origin = () => t.config.publicUrl;

  async function world() {
    const orgA = await makeOrg(t);
    const orgB = await makeOrg(t);
    const user = await makeUser(t, { organizationId: orgA.id, role: 'LAWYER' });
    const forumA = await makeReminderForum(t, orgA.id);
    // Organisation B's own kind of forum: readable by the feed of a lawyer who is not its member.
    const forumB = await makeReminderForum(t, orgB.id, { ownKindName: 'Special Tribunal' });
    const hearingOf = async (organizationId: string, forumId: string, grant: 'live' | 'revoked' | 'none', at: Date[], deleted = false) => {
      const found = await makeCase(t, organizationId);
      if (grant !== 'none') await makeGrant(t, { caseId: found.id, userId: user.id, level: 'VIEW', revoked: grant === 'revoked' });
      if (deleted) await prisma().case.update({ where: { id: found.id }, data: { deletedAt: new Date() } });
      const proceeding = await makeReminderProceeding(t, { caseId: found.id, forumId });
      const hearings = [];
      for (const scheduledAt of at) hearings.push(await makeReminderHearing(t, { proceedingId: proceeding.id, scheduledAt }));
      const { reference } = await prisma().case.findUniqueOrThrow({ where: { id: found.id }, select: { reference: true } });
      return { caseId: found.id, reference, hearings };
    };
    const granted = await hearingOf(orgA.id, forumA.id, 'live', [karachiMorning(2), karachiMorning(-30), karachiMorning(-100)]);
    const notGranted = await hearingOf(orgA.id, forumA.id, 'none', [karachiMorning(3)]);
    const revoked = await hearingOf(orgA.id, forumA.id, 'revoked', [karachiMorning(4)]);
    const deleted = await hearingOf(orgA.id, forumA.id, 'live', [karachiMorning(5)], true);
    const external = await hearingOf(orgB.id, forumB.id, 'live', [karachiMorning(6)]);
    const cookie = await signIn(t, user.id, orgA.id);
    return { orgA, orgB, user, cookie, forumA, forumB, granted, notGranted, revoked, deleted, external };
  }

  const createFeed = (cookie: string) => request(t.http).post('/account/calendar-feed').set('Cookie', cookie).set('Origin', origin());

  it('lists the hearings of cases the user can read, in an ICS an independent parser reads', async () => {
    const w = await world();
    const status = await request(t.http).get('/account/calendar-feed').set('Cookie', w.cookie);
    expect(status.body).toEqual({ active: false, createdAt: null });

    const created = await createFeed(w.cookie);
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body.url).toMatch(new RegExp(`^${origin()}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const token = tokenOf(created.body.url);
    const stored = await prisma().calendarFeed.findFirstOrThrow({ where: { userId: w.user.id } });
    expect(Buffer.from(stored.tokenHash).toString('base64url')).not.toContain(token);

    // No session: the token alone opens the feed.
    const feed = await request(t.http).get(`/calendar/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.headers['cache-control']).toBe('no-store');

    const parsed = events(feed.text);
    const expected = [w.granted.hearings[1]!, w.granted.hearings[0]!, w.external.hearings[0]!];
    expect(parsed.map((event) => event.uid)).toEqual(expected.map((hearing) => `hearing-${hearing.id}@lapata`));
    const upcoming = parsed[1]!;
    expect(upcoming.summary).toBe(`${w.granted.reference} · ${w.forumA.kindNameEn}`);
    expect(parsed[2]!.summary).toBe(`${w.external.reference} · Special Tribunal`);
    expect(upcoming.start.toISOString()).toBe(karachiMorning(2).toISOString());
    expect(upcoming.start.toLocaleTimeString('en-GB', { timeZone: 'Asia/Karachi', hour: '2-digit', minute: '2-digit' })).toBe('09:30');
    expect(Number(upcoming.sequence)).toBe(1);
    expect(feed.text).not.toMatch(/Test user|example\.org/);

    const audit = await prisma().auditEvent.findMany({ where: { entity: 'calendar_feed', actorId: w.user.id } });
    expect(audit.map((event) => event.organizationId).sort()).toEqual([w.orgA.id, w.orgB.id].sort());
    expect(audit[0]!.fields).toEqual(['caseReference', 'forumKind', 'scheduledAt']);

    // The token never reaches a log line; the path is logged redacted.
    expect(t.logs.text()).not.toContain(token);
    expect(t.logs.text()).toContain('/calendar/[Redacted]');

    const shown = await request(t.http).get('/account/calendar-feed').set('Cookie', w.cookie);
    expect(shown.body).toEqual({ active: true, createdAt: stored.createdAt.toISOString() });
  });

  it('keeps the UID of a moved hearing and raises its SEQUENCE', async () => {
    const w = await world();
    const token = tokenOf((await createFeed(w.cookie)).body.url);
    const hearing = w.granted.hearings[0]!;
    const before = events((await request(t.http).get(`/calendar/${token}.ics`)).text).find((e) => e.uid === `hearing-${hearing.id}@lapata`)!;
    const movedTo = karachiMorning(9);
    await prisma().hearing.update({ where: { id: hearing.id }, data: { scheduledAt: movedTo, version: { increment: 1 } } });
    const after = events((await request(t.http).get(`/calendar/${token}.ics`)).text).find((e) => e.uid === `hearing-${hearing.id}@lapata`)!;
    expect(after.start.toISOString()).toBe(movedTo.toISOString());
    expect(Number(after.sequence)).toBeGreaterThan(Number(before.sequence));
  });

  it('stops answering an old link once a new one is made, and every link once revoked', async () => {
    const w = await world();
    const old = tokenOf((await createFeed(w.cookie)).body.url);
    const fresh = tokenOf((await createFeed(w.cookie)).body.url);
    expect(fresh).not.toBe(old);
    expect((await request(t.http).get(`/calendar/${old}.ics`)).status).toBe(404);
    expect((await request(t.http).get(`/calendar/${fresh}.ics`)).status).toBe(200);

    const revoked = await request(t.http).delete('/account/calendar-feed').set('Cookie', w.cookie).set('Origin', origin());
    expect(revoked.status).toBe(204);
    const gone = await request(t.http).get(`/calendar/${fresh}.ics`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found.', requestId: expect.any(String) } });
    expect(t.logs.text()).not.toContain(old);
    expect(t.logs.text()).not.toContain(fresh);
    expect((await request(t.http).get('/account/calendar-feed').set('Cookie', w.cookie)).body).toEqual({ active: false, createdAt: null });
  });

  it('answers 404 for unknown or malformed tokens and for a disabled user', async () => {
    const w = await world();
    expect((await request(t.http).get(`/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await request(t.http).get('/calendar/short.ics')).status).toBe(404);
    const token = tokenOf((await createFeed(w.cookie)).body.url);
    await prisma().user.update({ where: { id: w.user.id }, data: { status: 'DISABLED' } });
    expect((await request(t.http).get(`/calendar/${token}.ics`)).status).toBe(404);
  });

  it('drops hearings from the feed when access to the case ends', async () => {
    const w = await world();
    const token = tokenOf((await createFeed(w.cookie)).body.url);
    await prisma().caseGrant.updateMany({ where: { caseId: w.external.caseId, userId: w.user.id }, data: { revokedAt: new Date() } });
    const uids = events((await request(t.http).get(`/calendar/${token}.ics`)).text).map((event) => event.uid);
    expect(uids).not.toContain(`hearing-${w.external.hearings[0]!.id}@lapata`);
    expect(uids).toHaveLength(2);
  });

  it('lets an organisation administrator see every hearing of the organisation', async () => {
    const w = await world();
    const admin = await makeUser(t, { organizationId: w.orgA.id, role: 'ORG_ADMIN' });
    const cookie = await signIn(t, admin.id, w.orgA.id);
    const token = tokenOf((await createFeed(cookie)).body.url);
    const uids = events((await request(t.http).get(`/calendar/${token}.ics`)).text).map((event) => event.uid);
    // Granted (2 within 90 days), not granted, revoked-grant case; not the deleted case, not org B's.
    expect(uids).toHaveLength(4);
  });

  it('needs a session for the account routes', async () => {
    expect((await request(t.http).post('/account/calendar-feed').set('Origin', origin())).status).toBe(401);
  });
});
