import { utcToZonedTime } from '@lapata/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { HearingRepository } from './hearing.repository';

const DAY = 86_400_000;
/** A wall-clock time in Karachi `days` from now, at 10:00. */
const karachiDay = (days: number, time = '10:00') => `${utcToZonedTime(new Date(Date.now() + days * DAY), 'Asia/Karachi').slice(0, 10)}T${time}`;

describe('hearings, outcomes, overlaps and what needs attention', () => {
  let t: TestApp;
  let orgId: string;
  let caseworker: string;
  let caseworkerId: string;
  let admin: string;
  let lawyerId: string;
  let lawyer: string;
  let outsider: string;
  let forumId: string;
  let genevaForumId: string;
  const origin = () => ({ Origin: t.config.publicUrl });
  const post = (path: string, body: object, as = caseworker) => request(t.http).post(path).set(origin()).set('Cookie', as).send(body);
  const patch = (path: string, body: object, as = caseworker) => request(t.http).patch(path).set(origin()).set('Cookie', as).send(body);
  const get = (path: string, as = caseworker) => request(t.http).get(path).set('Cookie', as);

  /** A case the caseworker opened (MANAGE) with the lawyer as counsel on a filed petition. */
  const openProceeding = async (options: { forum?: string; counsel?: boolean; as?: string } = {}) => {
    const created = await post('/cases', { tags: [] }, options.as ?? caseworker);
    expect(created.status).toBe(201);
    const caseId = created.body.id as string;
    await makeGrant(t, { caseId, userId: lawyerId, level: 'CONTRIBUTE' });
    const proceeding = await post(
      `/cases/${caseId}/proceedings`,
      {
        forumId: options.forum ?? forumId,
        type: 'PETITION',
        caseNumber: 'HRC No. 29388-S of 2018',
        counselIds: options.counsel === false ? [] : [lawyerId],
        status: 'FILED',
      },
      options.as ?? caseworker,
    );
    expect(proceeding.status).toBe(201);
    return { caseId, proceedingId: proceeding.body.id as string, reference: created.body.reference as string };
  };
  const hearingsPath = (p: { caseId: string; proceedingId: string }) => `/cases/${p.caseId}/proceedings/${p.proceedingId}/hearings`;
  const writes = async (caseId: string) => ({
    hearings: await t.database.prisma.hearing.count({ where: { caseId } }),
    changes: await t.database.prisma.proceedingStatusChange.count({ where: { proceeding: { caseId } } }),
    audit: await t.database.prisma.auditEvent.count({ where: { caseId } }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    caseworkerId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id;
    caseworker = await signIn(t, caseworkerId, orgId);
    admin = await signIn(t, (await makeUser(t, { organizationId: orgId, role: 'ORG_ADMIN' })).id, orgId);
    lawyerId = (await makeUser(t, { organizationId: orgId, role: 'LAWYER' })).id;
    lawyer = await signIn(t, lawyerId, orgId);
    const otherOrg = (await makeOrg(t)).id;
    outsider = await signIn(t, (await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' })).id, otherOrg);
    const kinds = await get('/forum-kinds');
    const kind = (code: string) => kinds.body.items.find((item: { code: string }) => item.code === code).id as string;
    forumId = (await post('/forums', { kindId: kind('SUPREME_COURT'), name: 'Supreme Court of Pakistan', city: 'Islamabad' })).body.id;
    genevaForumId = (await post('/forums', { kindId: kind('UN_WGEID'), name: 'UN WGEID', city: 'Geneva', timeZone: 'Europe/Zurich' })).body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it("schedules a hearing at the forum's wall clock, stores UTC and the zone, encrypts the purpose and moves the proceeding", async () => {
    const p = await openProceeding();
    const created = await post(hearingsPath(p), { localDateTime: karachiDay(5, '09:30'), courtRoom: 'Court No. 1', bench: 'Bench-I', judge: null, purpose: 'Report from the Ministry of Interior' });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([]);
    const hearing = created.body.hearing;
    expect(hearing).toMatchObject({ timeZone: 'Asia/Karachi', localDateTime: karachiDay(5, '09:30'), courtRoom: 'Court No. 1', purpose: 'Report from the Ministry of Interior', outcome: null, version: 1 });
    expect(new Date(hearing.scheduledAt).getUTCHours()).toBe(4);
    expect(new Date(hearing.scheduledAt).getUTCMinutes()).toBe(30);

    const row = await t.database.prisma.hearing.findUniqueOrThrow({ where: { id: hearing.id } });
    expect(Buffer.from(row.purposeEnc!).toString('utf8')).not.toContain('Ministry');
    const proceeding = await get(`/cases/${p.caseId}/proceedings/${p.proceedingId}`);
    expect(proceeding.body.status).toBe('HEARING_SCHEDULED');
    expect(proceeding.body.statusChanges.at(-1)).toMatchObject({ fromStatus: 'FILED', toStatus: 'HEARING_SCHEDULED' });

    expect((await get(`/cases/${p.caseId}/hearings/${hearing.id}`)).body).toMatchObject({ id: hearing.id, purpose: 'Report from the Ministry of Interior' });
    expect((await get(hearingsPath(p))).body.items).toHaveLength(1);
    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId: p.caseId, entity: 'hearing' },
      orderBy: { seq: 'asc' },
      select: { action: true, fields: true },
    });
    expect(events.map((event) => event.action)).toEqual(['create', 'read', 'read']);
    expect(events[0]!.fields).toContain('purpose');
    expect(JSON.stringify(events)).not.toMatch(/Ministry|Court No/);
  });

  it('converts with daylight saving in a European forum', async () => {
    const p = await openProceeding({ forum: genevaForumId, counsel: false });
    const summer = await post(hearingsPath(p), { localDateTime: '2031-07-01T10:00' });
    expect(summer.body.hearing).toMatchObject({ scheduledAt: '2031-07-01T08:00:00.000Z', timeZone: 'Europe/Zurich', localDateTime: '2031-07-01T10:00' });
    const winter = await post(hearingsPath(p), { localDateTime: '2031-12-01T10:00' });
    expect(winter.body.hearing.scheduledAt).toBe('2031-12-01T09:00:00.000Z');
  });

  it('refuses an outcome on a future hearing, a next date before the hearing, and a stale version, writing nothing', async () => {
    const p = await openProceeding();
    const future = (await post(hearingsPath(p), { localDateTime: karachiDay(3) })).body.hearing;
    const past = (await post(hearingsPath(p), { localDateTime: karachiDay(-3) })).body.hearing;
    const before = await writes(p.caseId);

    const early = await post(`/cases/${p.caseId}/hearings/${future.id}/outcome`, { outcome: 'APPEARED', version: 1 });
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual({ outcome: ['This hearing has not taken place yet: record its outcome on or after its date'] });

    const backwards = await post(`/cases/${p.caseId}/hearings/${past.id}/outcome`, { outcome: 'ADJOURNED', nextLocalDateTime: karachiDay(-4), version: 1 });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual({ nextLocalDateTime: ['The next date must be after this hearing'] });

    const stale = await post(`/cases/${p.caseId}/hearings/${past.id}/outcome`, { outcome: 'APPEARED', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });

    const unknown = await post(`/cases/${p.caseId}/hearings/${past.id}/outcome`, { outcome: 'APPEARED', version: 1, verdict: 'x' });
    expect(unknown.status).toBe(400);
    const badTime = await post(hearingsPath(p), { localDateTime: '2026-02-30T10:00' });
    expect(badTime.body.error.fields).toEqual({ localDateTime: ['This date or time does not exist'] });

    const movedStale = await patch(`/cases/${p.caseId}/hearings/${past.id}`, { localDateTime: karachiDay(-2), version: 3 });
    expect(movedStale.status).toBe(409);
    expect(await writes(p.caseId)).toEqual(before);
  });

  it('records an adjournment with a next date: the next hearing is created, linked, and the proceeding scheduled again', async () => {
    const p = await openProceeding();
    const past = (await post(hearingsPath(p), { localDateTime: karachiDay(-1, '11:00') })).body.hearing;
    // A past hearing alone does not schedule anything.
    expect((await get(`/cases/${p.caseId}/proceedings/${p.proceedingId}`)).body.status).toBe('FILED');

    const adjourned = await post(`/cases/${p.caseId}/hearings/${past.id}/outcome`, {
      outcome: 'ADJOURNED',
      orderSummary: 'Respondents sought time to file a report',
      nextLocalDateTime: karachiDay(20, '09:00'),
      nextPurpose: 'Report of the JIT',
      version: 1,
    });
    expect(adjourned.status).toBe(200);
    expect(adjourned.body.hearing).toMatchObject({ outcome: 'ADJOURNED', orderSummary: 'Respondents sought time to file a report', version: 2 });
    expect(adjourned.body.nextHearing).toMatchObject({ previousHearingId: past.id, localDateTime: karachiDay(20, '09:00'), purpose: 'Report of the JIT' });
    expect(adjourned.body.hearing.nextHearingId).toBe(adjourned.body.nextHearing.id);
    expect((await get(`/cases/${p.caseId}/proceedings/${p.proceedingId}`)).body.status).toBe('HEARING_SCHEDULED');

    const again = await post(`/cases/${p.caseId}/hearings/${past.id}/outcome`, { outcome: 'ADJOURNED', nextLocalDateTime: karachiDay(30), version: 2 });
    expect(again.body.error.fields).toEqual({ nextLocalDateTime: ['This hearing already has a next date: change that hearing instead'] });

    // Moving the next hearing before the one that fixed it is refused.
    const nextPath = `/cases/${p.caseId}/hearings/${adjourned.body.nextHearing.id}`;
    const backwards = await patch(nextPath, { localDateTime: karachiDay(-2), version: 1 });
    expect(backwards.body.error.fields).toEqual({ localDateTime: ['The next date must be after the hearing that fixed it'] });
    const moved = await patch(nextPath, { localDateTime: karachiDay(21, '09:00'), courtRoom: 'Court No. 3', version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body.hearing).toMatchObject({ courtRoom: 'Court No. 3', version: 2, purpose: null });
    const row = await t.database.prisma.hearing.findUniqueOrThrow({ where: { id: past.id } });
    expect(Buffer.from(row.orderSummaryEnc!).toString('utf8')).not.toContain('Respondents');
  });

  it('marks a scheduled proceeding adjourned when a hearing is adjourned without a next date, through the transition table', async () => {
    const p = await openProceeding();
    const scheduled = (await post(hearingsPath(p), { localDateTime: karachiDay(6) })).body.hearing;
    expect((await get(`/cases/${p.caseId}/proceedings/${p.proceedingId}`)).body.status).toBe('HEARING_SCHEDULED');
    // Entered with the wrong date: it actually took place two days ago.
    const past = (await patch(`/cases/${p.caseId}/hearings/${scheduled.id}`, { localDateTime: karachiDay(-2, '10:00'), version: 1 })).body.hearing;
    // While another hearing is on the calendar, an adjournment does not leave the matter without a date.
    const later = (await post(hearingsPath(p), { localDateTime: karachiDay(9) })).body.hearing;
    const first = await post(`/cases/${p.caseId}/hearings/${past.id}/outcome`, { outcome: 'ADJOURNED', version: 2 });
    expect(first.status).toBe(200);
    expect((await get(`/cases/${p.caseId}/proceedings/${p.proceedingId}`)).body.status).toBe('HEARING_SCHEDULED');
    await patch(`/cases/${p.caseId}/hearings/${later.id}`, { localDateTime: karachiDay(-1), version: 1 });
    const recorded = await post(`/cases/${p.caseId}/hearings/${past.id}/outcome`, { outcome: 'NOT_TAKEN_UP', version: 3 });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ nextHearing: null, warnings: [] });
    const proceeding = (await get(`/cases/${p.caseId}/proceedings/${p.proceedingId}`)).body;
    expect(proceeding.status).toBe('ADJOURNED');
    expect(proceeding.statusChanges.at(-1)).toMatchObject({ fromStatus: 'HEARING_SCHEDULED', toStatus: 'ADJOURNED', effectiveOn: karachiDay(-2).slice(0, 10) });
    // A decided proceeding keeps its status whatever its hearings say.
    const decided = await openProceeding();
    await post(`/cases/${decided.caseId}/proceedings/${decided.proceedingId}/status`, { to: 'PENDING', effectiveOn: '2020-01-01', note: null, version: 1 });
    await post(`/cases/${decided.caseId}/proceedings/${decided.proceedingId}/status`, { to: 'DECIDED', effectiveOn: '2020-02-01', note: null, version: 2 });
    await post(hearingsPath(decided), { localDateTime: karachiDay(4) });
    expect((await get(`/cases/${decided.caseId}/proceedings/${decided.proceedingId}`)).body.status).toBe('DECIDED');
  });

  it("warns of the same counsel's overlapping hearing, with details only where the actor may see the other case", async () => {
    const mine = await openProceeding();
    // A case the caseworker has no grant on, with the same lawyer as counsel.
    const theirs = await openProceeding({ as: admin });
    const slot = karachiDay(8, '10:00');
    const other = await post(hearingsPath(theirs), { localDateTime: slot }, admin);
    expect(other.status).toBe(201);

    const clash = await post(hearingsPath(mine), { localDateTime: karachiDay(8, '11:00') });
    expect(clash.status).toBe(201);
    expect(clash.body.warnings).toEqual([{ code: 'COUNSEL_OVERLAP' }]);

    // The administrator sees every case of the organisation: the warning names the other hearing.
    await makeGrant(t, { caseId: mine.caseId, userId: caseworkerId, level: 'MANAGE' });
    const asAdmin = await patch(`/cases/${mine.caseId}/hearings/${clash.body.hearing.id}`, { localDateTime: karachiDay(8, '10:30'), version: 1 }, admin);
    expect(asAdmin.body.warnings).toEqual([{ code: 'COUNSEL_OVERLAP', hearingId: other.body.hearing.id, caseReference: theirs.reference }]);

    const apart = await patch(`/cases/${mine.caseId}/hearings/${clash.body.hearing.id}`, { localDateTime: karachiDay(8, '15:00'), version: 2 });
    expect(apart.body.warnings).toEqual([]);
  });

  it("lists what needs attention and the calendar over the user's own cases only", async () => {
    const p = await openProceeding();
    const soon = (await post(hearingsPath(p), { localDateTime: karachiDay(2) })).body.hearing;
    const unrecorded = (await post(hearingsPath(p), { localDateTime: karachiDay(-2) })).body.hearing;
    const idle = await openProceeding();

    const mine = await get('/me/needs-attention');
    expect(mine.status).toBe(200);
    expect(mine.body.upcoming.map((item: { id: string }) => item.id)).toContain(soon.id);
    expect(mine.body.upcoming.find((item: { id: string }) => item.id === soon.id)).toMatchObject({
      caseId: p.caseId,
      caseReference: p.reference,
      forumName: 'Supreme Court of Pakistan',
      timeZone: 'Asia/Karachi',
    });
    expect(mine.body.outcomeMissing.map((item: { id: string }) => item.id)).toContain(unrecorded.id);
    const stale = mine.body.withoutNextDate.map((item: { id: string }) => item.id);
    expect(stale).toContain(idle.proceedingId);
    expect(stale).not.toContain(p.proceedingId);

    // Someone of the same organisation without a grant sees none of it; nor does another organisation.
    const stranger = await signIn(t, (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id, orgId);
    for (const as of [stranger, outsider]) {
      const theirs = await get('/me/needs-attention', as);
      expect(theirs.body).toEqual({ upcoming: [], outcomeMissing: [], withoutNextDate: [] });
    }

    const from = new Date(Date.now() - 5 * DAY).toISOString();
    const to = new Date(Date.now() + 5 * DAY).toISOString();
    const calendar = await get(`/me/hearings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, lawyer);
    expect(calendar.status).toBe(200);
    expect(calendar.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([soon.id, unrecorded.id]));
    expect((await get(`/me/hearings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, stranger)).body.items).toEqual([]);
    const backwards = await get(`/me/hearings?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual({ to: ['The end is before the start'] });
  });

  it('asks the database the same fixed questions for needs-attention, however many cases the user has', async () => {
    const repository = t.app.get(HearingRepository);
    const calls = () => [vi.spyOn(repository, 'findForViewer'), vi.spyOn(repository, 'findWithoutNextDate')];
    let spies = calls();
    const small = await get('/me/needs-attention', admin);
    const smallCalls = spies.map((spy) => spy.mock.calls.length);
    spies.forEach((spy) => spy.mockRestore());
    for (let i = 0; i < 3; i++) await openProceeding({ as: admin });
    spies = calls();
    const large = await get('/me/needs-attention', admin);
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual(smallCalls);
    expect(smallCalls).toEqual([2, 1]);
    spies.forEach((spy) => spy.mockRestore());
    expect(large.body.withoutNextDate.length).toBe(small.body.withoutNextDate.length + 3);
  });

  it('answers 404 to another organisation on every hearing route', async () => {
    const p = await openProceeding();
    const hearing = (await post(hearingsPath(p), { localDateTime: karachiDay(-1) })).body.hearing;
    expect((await get(hearingsPath(p), outsider)).status).toBe(404);
    expect((await post(hearingsPath(p), { localDateTime: karachiDay(1) }, outsider)).status).toBe(404);
    expect((await get(`/cases/${p.caseId}/hearings/${hearing.id}`, outsider)).status).toBe(404);
    expect((await patch(`/cases/${p.caseId}/hearings/${hearing.id}`, { localDateTime: karachiDay(2), version: 1 }, outsider)).status).toBe(404);
    expect((await post(`/cases/${p.caseId}/hearings/${hearing.id}/outcome`, { outcome: 'APPEARED', version: 1 }, outsider)).status).toBe(404);
    // A hearing id of another case of the same organisation is not found through this case.
    const q = await openProceeding();
    expect((await get(`/cases/${q.caseId}/hearings/${hearing.id}`)).status).toBe(404);
  });
});
