import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementCounter } from '../../bench/statement-counter';
import {
  makeOrg,
  makeReminderForum,
  makeReminderHearing,
  makeReminderProceeding,
  makeUser,
  signIn,
} from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe('the case summary', () => {
  let t: TestApp;
  let orgId: string;
  let cookie: string;
  let outsiderCookie: string;
  const counter = StatementCounter.install();
  const origin = () => ({ Origin: t.config.publicUrl });
  const summary = (caseId: string, as = cookie, search = '') => request(t.http).get(`/cases/${caseId}/summary${search}`).set('Cookie', as);

  const openCase = async (): Promise<string> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  /** A case with a person, two proceedings (two hearings and one) and three diary entries. */
  const fullCase = async () => {
    const caseId = await openCase();
    expect((await request(t.http).put(`/cases/${caseId}/person`).set(origin()).set('Cookie', cookie).send({ fullNameLatin: 'Summary Person' })).status).toBe(200);
    const forum = await makeReminderForum(t, orgId);
    const first = await makeReminderProceeding(t, { caseId, forumId: forum.id });
    const second = await makeReminderProceeding(t, { caseId, forumId: forum.id });
    await makeReminderHearing(t, { proceedingId: first.id, scheduledAt: new Date('2026-12-01T05:00:00Z') });
    await makeReminderHearing(t, { proceedingId: first.id, scheduledAt: new Date('2026-10-01T05:00:00Z') });
    await makeReminderHearing(t, { proceedingId: second.id, scheduledAt: new Date('2026-11-01T05:00:00Z') });
    for (const day of ['2024-01-01', '2024-02-01', '2024-03-01']) {
      const entry = await request(t.http)
        .post(`/cases/${caseId}/diary`)
        .set(origin())
        .set('Cookie', cookie)
        .send({ kind: 'VISIT', occurred: { from: day, to: null }, body: `Visited the press club on ${day}` });
      expect(entry.status).toBe(201);
    }
    return { caseId, first: first.id, second: second.id };
  };

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    const caseworker = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    cookie = await signIn(t, caseworker.id, orgId);
    const otherOrg = (await makeOrg(t)).id;
    const outsider = await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' });
    outsiderCookie = await signIn(t, outsider.id, otherOrg);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the case, its records, every proceeding with its hearings and the latest diary entries, as their own routes do', async () => {
    const { caseId, first, second } = await fullCase();
    const response = await summary(caseId, cookie, '?diaryLimit=2');
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.case).toEqual((await request(t.http).get(`/cases/${caseId}`).set('Cookie', cookie)).body);
    expect(body.person).toEqual((await request(t.http).get(`/cases/${caseId}/person`).set('Cookie', cookie)).body);
    expect(body.disappearance).toBeNull();
    const proceedings = (await request(t.http).get(`/cases/${caseId}/proceedings`).set('Cookie', cookie)).body.items;
    expect(body.proceedings.map((entry: { proceeding: unknown }) => entry.proceeding)).toEqual(proceedings);
    for (const id of [first, second]) {
      const hearings = (await request(t.http).get(`/cases/${caseId}/proceedings/${id}/hearings`).set('Cookie', cookie)).body.items;
      expect(body.proceedings.find((entry: { proceeding: { id: string } }) => entry.proceeding.id === id).hearings).toEqual(hearings);
    }
    expect(body.proceedings.flatMap((entry: { hearings: unknown[] }) => entry.hearings)).toHaveLength(3);
    expect(body.diary.entries.map((entry: { occurred: { from: string } }) => entry.occurred.from)).toEqual(['2024-03-01', '2024-02-01']);
    expect(body.diary.nextCursor).toEqual(expect.any(String));
  });

  it('records every read in the audit trail, as reading each record on its own would', async () => {
    const { caseId } = await fullCase();
    const before = await t.database.prisma.auditEvent.groupBy({ by: ['entity'], where: { caseId, action: 'read' }, _count: true });
    expect((await summary(caseId)).status).toBe(200);
    const after = await t.database.prisma.auditEvent.groupBy({ by: ['entity'], where: { caseId, action: 'read' }, _count: true });
    const count = (rows: typeof before, entity: string) => rows.find((row) => row.entity === entity)?._count ?? 0;
    expect(count(after, 'case') - count(before, 'case')).toBe(1);
    expect(count(after, 'missing_person') - count(before, 'missing_person')).toBe(1);
    expect(count(after, 'hearing') - count(before, 'hearing')).toBe(3);
    expect(count(after, 'diary_entry') - count(before, 'diary_entry')).toBeGreaterThan(0);
  });

  it('costs the same number of statements whatever the number of proceedings, hearings and diary entries', async () => {
    const smaller = (await fullCase()).caseId;
    const larger = await fullCase();
    const forum = await makeReminderForum(t, orgId);
    const third = await makeReminderProceeding(t, { caseId: larger.caseId, forumId: forum.id });
    for (const proceedingId of [larger.first, larger.second, third.id]) {
      await makeReminderHearing(t, { proceedingId, scheduledAt: new Date('2027-01-05T05:00:00Z') });
    }
    await summary(smaller);
    const statements = async (caseId: string) => (await counter.record(async () => expect((await summary(caseId)).status).toBe(200))).length;
    expect(await statements(larger.caseId)).toBe(await statements(smaller));
  });

  it('answers 404 to someone the case is not shared with, and 400 naming a bad diary limit', async () => {
    const { caseId } = await fullCase();
    expect((await summary(caseId, outsiderCookie)).status).toBe(404);
    const bad = await summary(caseId, cookie, '?diaryLimit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ diaryLimit: ['At least 1'] });
  });
});
