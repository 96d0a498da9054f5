import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCase, makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const today = () => new Date().toISOString().slice(0, 10);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('cases: status, tags, caseworker, list and search', () => {
  let t: TestApp;
  let orgId: string;
  let caseworkerId: string;
  let cookie: string;
  let adminCookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (as = cookie, body: object = { tags: [] }): Promise<{ id: string; version: number; reference: string }> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', as).send(body);
    expect(created.status).toBe(201);
    return created.body as { id: string; version: number; reference: string };
  };
  const changeStatus = (caseId: string, body: object, as = cookie) =>
    request(t.http).post(`/cases/${caseId}/status`).set(origin()).set('Cookie', as).send(body);
  const patch = (caseId: string, body: object, as = cookie) =>
    request(t.http).patch(`/cases/${caseId}`).set(origin()).set('Cookie', as).send(body);
  const getCase = (caseId: string, as = cookie) => request(t.http).get(`/cases/${caseId}`).set('Cookie', as);
  const list = (query: string, as = cookie) => request(t.http).get(`/cases${query}`).set('Cookie', as);
  const search = (body: object, as = cookie) => request(t.http).post('/cases/search').set(origin()).set('Cookie', as).send(body);
  const putPerson = (caseId: string, body: object, as = cookie) =>
    request(t.http).put(`/cases/${caseId}/person`).set(origin()).set('Cookie', as).send(body);
  const writes = async (caseId: string) => ({
    case: await t.database.prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, tags: true, version: true, assignedCaseworkerId: true } }),
    changes: await t.database.prisma.caseStatusChange.count({ where: { caseId } }),
    audit: await t.database.prisma.auditEvent.count({ where: { caseId, action: { not: 'read' } } }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    caseworkerId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id;
    cookie = await signIn(t, caseworkerId, orgId);
    const admin = await makeUser(t, { organizationId: orgId, role: 'ORG_ADMIN' });
    adminCookie = await signIn(t, admin.id, orgId);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('the case data key', () => {
    it('is made when the case is opened', async () => {
      const opened = await openCase();
      expect(await t.database.prisma.caseKey.count({ where: { caseId: opened.id } })).toBe(1);
    });

    it('is made once for an older case without one, even when two first writes race', async () => {
      const old = await makeCase(t, orgId);
      await makeGrant(t, { caseId: old.id, userId: caseworkerId, level: 'MANAGE' });
      const person = { fullNameLatin: 'Race Condition Test' };
      const [first, second] = await Promise.all([putPerson(old.id, person), putPerson(old.id, person)]);
      // One creates the person; the other waits for the key the first inserted, reads it back and
      // then loses the insert of the person (409 conflict, or 400 asking for a version): never a 500.
      const statuses = [first.status, second.status].sort();
      expect(statuses[0]).toBe(200);
      expect([200, 400, 409]).toContain(statuses[1]);
      expect(await t.database.prisma.caseKey.count({ where: { caseId: old.id } })).toBe(1);
    });
  });

  describe('status changes', () => {
    it('records a dated, attributed change with an encrypted note and shows the history', async () => {
      const opened = await openCase();
      const changed = await changeStatus(opened.id, {
        status: 'LOCATED_ALIVE',
        effectiveOn: '2024-02-29',
        note: 'Seen at the internment centre in Kohat',
        version: opened.version,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ status: 'LOCATED_ALIVE', version: opened.version + 1 });
      expect(changed.body.statusHistory).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'MISSING', note: null, changedById: caseworkerId }),
        expect.objectContaining({
          fromStatus: 'MISSING',
          toStatus: 'LOCATED_ALIVE',
          effectiveOn: '2024-02-29',
          note: 'Seen at the internment centre in Kohat',
          changedById: caseworkerId,
        }),
      ]);
      expect((await getCase(opened.id)).body.statusHistory).toEqual(changed.body.statusHistory);
      // Reading the decrypted note is audited, by field name only.
      const reads = await t.database.prisma.auditEvent.findMany({
        where: { caseId: opened.id, entity: 'case_status_change', action: 'read' },
        select: { fields: true, actorId: true },
      });
      expect(reads).toEqual([{ fields: ['note'], actorId: caseworkerId }]);

      const stored = await t.database.prisma.caseStatusChange.findFirstOrThrow({ where: { caseId: opened.id, toStatus: 'LOCATED_ALIVE' } });
      expect(Buffer.from(stored.noteEnc!).toString('latin1')).not.toContain('Kohat');
      const event = await t.database.prisma.auditEvent.findFirstOrThrow({ where: { caseId: opened.id, entity: 'case_status_change' } });
      expect(event).toMatchObject({ action: 'create', actorId: caseworkerId, entityId: stored.id, fields: ['status', 'effectiveOn', 'note'] });
      expect(JSON.stringify({ ...event, seq: String(event.seq) })).not.toContain('Kohat');

      // Today is not the future.
      expect((await changeStatus(opened.id, { status: 'CLOSED', effectiveOn: today(), version: opened.version + 1 })).status).toBe(200);
    });

    it('refuses future, impossible and malformed dates, the same status, unknown fields and a missing version, writing nothing', async () => {
      const opened = await openCase();
      const before = await writes(opened.id);
      const cases: [object, Record<string, string[]>][] = [
        [{ status: 'RELEASED', effectiveOn: daysFromNow(3), version: 1 }, { effectiveOn: ['This date is in the future'] }],
        [{ status: 'RELEASED', effectiveOn: '2023-02-29', version: 1 }, { effectiveOn: ['This date does not exist'] }],
        [{ status: 'RELEASED', effectiveOn: '12/06/1994', version: 1 }, { effectiveOn: ['Enter the date as YYYY-MM-DD'] }],
        [{ status: 'MISSING', effectiveOn: '2020-01-01', version: 1 }, { status: ['The case already has this status'] }],
        [{ status: 'RELEASED', effectiveOn: '2020-01-01', version: 1, changedBy: 'x' }, { changedBy: ['Unknown field'] }],
        [{ status: 'RELEASED', effectiveOn: '2020-01-01' }, { version: ['Send the version you last read'] }],
      ];
      for (const [body, fields] of cases) {
        const refused = await changeStatus(opened.id, body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields });
      }
      expect(await writes(opened.id)).toEqual(before);
    });

    it('answers a stale version with 409, and 404 to a viewer, another organisation and a member without a grant', async () => {
      const opened = await openCase();
      expect((await changeStatus(opened.id, { status: 'RELEASED', effectiveOn: '2020-01-01', version: 1 })).status).toBe(200);
      const before = await writes(opened.id);
      const stale = await changeStatus(opened.id, { status: 'CLOSED', effectiveOn: '2020-01-02', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });

      const viewer = await makeUser(t, { organizationId: orgId, role: 'LAWYER' });
      await makeGrant(t, { caseId: opened.id, userId: viewer.id, level: 'VIEW' });
      const otherOrg = await makeOrg(t);
      const stranger = await makeUser(t, { organizationId: otherOrg.id, role: 'ORG_ADMIN' });
      const colleague = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
      for (const cookieOf of [await signIn(t, viewer.id, orgId), await signIn(t, stranger.id, otherOrg.id), await signIn(t, colleague.id, orgId)]) {
        const refused = await changeStatus(opened.id, { status: 'CLOSED', effectiveOn: '2020-01-02', version: 2 }, cookieOf);
        expect(refused.status).toBe(404);
        expect((await patch(opened.id, { tags: ['x'], version: 2 }, cookieOf)).status).toBe(404);
      }
      expect(await writes(opened.id)).toEqual(before);
    });
  });

  describe('tags and assigned caseworker', () => {
    it('changes them with the version read, audited by field name', async () => {
      const opened = await openCase();
      const colleague = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
      const updated = await patch(opened.id, { tags: ['Karachi', 'SHC'], assignedCaseworkerId: colleague.id, version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ tags: ['Karachi', 'SHC'], assignedCaseworkerId: colleague.id, version: 2 });
      const onlyTags = await patch(opened.id, { tags: [], version: 2 });
      expect(onlyTags.body).toMatchObject({ tags: [], assignedCaseworkerId: colleague.id, version: 3 });
      const cleared = await patch(opened.id, { assignedCaseworkerId: null, version: 3 });
      expect(cleared.body).toMatchObject({ assignedCaseworkerId: null, version: 4 });
      const events = await t.database.prisma.auditEvent.findMany({
        where: { caseId: opened.id, entity: 'case', action: 'update' },
        orderBy: { seq: 'asc' },
        select: { fields: true },
      });
      expect(events.map((event) => event.fields)).toEqual([['tags', 'assignedCaseworkerId'], ['tags'], ['assignedCaseworkerId']]);
    });

    it('refuses a caseworker who is not an active caseworker or administrator of the organisation, bad tags and a stale version', async () => {
      const opened = await openCase();
      const family = await makeUser(t, { organizationId: orgId, role: 'FAMILY' });
      const disabled = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
      await t.database.prisma.membership.updateMany({ where: { userId: disabled.id }, data: { disabledAt: new Date() } });
      const elsewhere = await makeUser(t, { organizationId: (await makeOrg(t)).id, role: 'CASEWORKER' });
      const before = await writes(opened.id);
      for (const userId of [family.id, disabled.id, elsewhere.id]) {
        const refused = await patch(opened.id, { assignedCaseworkerId: userId, version: 1 });
        expect(refused.status).toBe(400);
        expect(refused.body.error.fields).toEqual({
          assignedCaseworkerId: ['Choose an active caseworker or administrator of the organisation'],
        });
      }
      const badTag = await patch(opened.id, { tags: ['<script>'], version: 1 });
      expect(badTag.body.error.fields).toEqual({ 'tags.0': ['Use letters, digits, spaces, - and _ only'] });
      expect((await patch(opened.id, { tags: ['x'], reference: 'X', version: 1 })).body.error.fields).toEqual({ reference: ['Unknown field'] });
      expect(await writes(opened.id)).toEqual(before);

      expect((await patch(opened.id, { tags: ['a'], version: 1 })).status).toBe(200);
      const stale = await patch(opened.id, { tags: ['b'], version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.currentVersion).toBe(2);
    });

    it('lists the caseworkers a case can be assigned to, with their names', async () => {
      const named = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER', displayName: 'Sana Assignable' });
      const family = await makeUser(t, { organizationId: orgId, role: 'FAMILY', displayName: 'Not Assignable' });
      const answer = await request(t.http).get('/cases/caseworkers').set('Cookie', cookie);
      expect(answer.status).toBe(200);
      expect(answer.body.items).toContainEqual({ id: named.id, displayName: 'Sana Assignable' });
      expect(answer.body.items.map((item: { id: string }) => item.id)).not.toContain(family.id);
    });
  });

  describe('the case list', () => {
    let org: string;
    let admin: string;
    let lawyer: string;
    let ids: Record<string, string>;

    beforeAll(async () => {
      org = (await makeOrg(t)).id;
      const adminUser = await makeUser(t, { organizationId: org, role: 'ORG_ADMIN' });
      admin = await signIn(t, adminUser.id, org);
      const lawyerUser = await makeUser(t, { organizationId: org, role: 'LAWYER' });
      lawyer = await signIn(t, lawyerUser.id, org);
      const assignee = await makeUser(t, { organizationId: org, role: 'CASEWORKER' });
      const at = (day: string) => new Date(`${day}T12:00:00Z`);
      const make = async (name: string, data: object, lastSeen?: [string, string]) => {
        const created = await t.database.prisma.case.create({
          data: { organizationId: org, reference: `L-${name}`, ...data },
          select: { id: true },
        });
        if (lastSeen) {
          await t.database.prisma.disappearance.create({
            data: {
              organizationId: org,
              caseId: created.id,
              lastSeenFrom: new Date(`${lastSeen[0]}T00:00:00Z`),
              lastSeenTo: new Date(`${lastSeen[1]}T00:00:00Z`),
              lastSeenPrecision: 'RANGE',
            },
          });
        }
        return created.id;
      };
      ids = {
        june94: await make('june94', { tags: ['Karachi'], updatedAt: at('2025-01-10') }, ['1994-06-01', '1994-06-30']),
        year95: await make('year95', { status: 'RELEASED', updatedAt: at('2025-02-10') }, ['1995-01-01', '1995-12-31']),
        undated: await make('undated', { tags: ['Karachi', 'SHC'], assignedCaseworkerId: assignee.id, updatedAt: at('2025-03-10') }),
        deleted: await make('deleted', { tags: ['Karachi'], deletedAt: new Date(), updatedAt: at('2025-03-11') }),
      };
      await makeGrant(t, { caseId: ids.year95!, userId: lawyerUser.id, level: 'VIEW' });
      ids.assignee = assignee.id;
    });

    const references = (response: request.Response) => (response.body.items as { reference: string }[]).map((item) => item.reference);

    it('shows administrators every live case and others only their grants, newest update first', async () => {
      expect(references(await list('', admin))).toEqual(['L-undated', 'L-year95', 'L-june94']);
      expect(references(await list('', lawyer))).toEqual(['L-year95']);
    });

    it('filters by status, tag, caseworker, disappearance range and update range', async () => {
      expect(references(await list('?status=RELEASED', admin))).toEqual(['L-year95']);
      expect(references(await list('?tag=Karachi', admin))).toEqual(['L-undated', 'L-june94']);
      expect(references(await list(`?assignedCaseworkerId=${ids.assignee}`, admin))).toEqual(['L-undated']);
      expect(references(await list('?disappearedFrom=1994&disappearedTo=1994', admin))).toEqual(['L-june94']);
      expect(references(await list('?disappearedFrom=1994-06-15', admin))).toEqual(['L-year95', 'L-june94']);
      expect(references(await list('?disappearedTo=1994-05', admin))).toEqual([]);
      expect(references(await list('?disappearedFrom=1995-07&disappearedTo=1996', admin))).toEqual(['L-year95']);
      expect(references(await list('?updatedFrom=2025-02-01&updatedTo=2025-03-10', admin))).toEqual(['L-undated', 'L-year95']);
      expect(references(await list('?updatedTo=2025-01-10', admin))).toEqual(['L-june94']);
    });

    it('pages with an opaque cursor', async () => {
      const first = await list('?limit=2', admin);
      expect(references(first)).toEqual(['L-undated', 'L-year95']);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list(`?limit=2&cursor=${first.body.nextCursor}`, admin);
      expect(references(second)).toEqual(['L-june94']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('refuses bad filters with field messages', async () => {
      const cases: [string, Record<string, string[]>][] = [
        ['?status=LOST', { status: [expect.any(String)] as unknown as string[] }],
        ['?disappearedFrom=1994-13', { disappearedFrom: ['This date does not exist'] }],
        ['?disappearedFrom=June', { disappearedFrom: ['Enter a year (1994), a month (1994-06) or a full date (1994-06-12)'] }],
        ['?disappearedFrom=1995&disappearedTo=1994', { disappearedTo: ['The end of the range is before its start'] }],
        ['?updatedFrom=2025-02-30', { updatedFrom: ['Enter the date as YYYY-MM-DD'] }],
        ['?limit=500', { limit: ['At most 100'] }],
        ['?name=Ali', { name: ['Unknown field'] }],
        ['?cursor=bm9wZQ', { cursor: ['Not a valid page cursor'] }],
      ];
      for (const [query, fields] of cases) {
        const refused = await list(query, admin);
        expect(refused.status, query).toBe(400);
        expect(refused.body.error.fields, query).toEqual(fields);
      }
    });

    it('issues the same number of SQL statements for a page of 5 and a page of 50', async () => {
      const many = await makeOrg(t);
      const user = await makeUser(t, { organizationId: many.id, role: 'ORG_ADMIN' });
      const as = await signIn(t, user.id, many.id);
      await t.database.prisma.case.createMany({
        data: Array.from({ length: 60 }, (_, index) => ({ organizationId: many.id, reference: `M-${index}`, tags: ['bulk'] })),
      });
      const query = vi.spyOn(pg.Client.prototype, 'query');
      const statements = async (path: string) => {
        query.mockClear();
        const answer = await list(path, as);
        expect(answer.status).toBe(200);
        return { count: query.mock.calls.length, items: answer.body.items.length as number };
      };
      try {
        const small = await statements('?limit=5&tag=bulk&status=MISSING');
        const large = await statements('?limit=50&tag=bulk&status=MISSING');
        expect(small.items).toBe(5);
        expect(large.items).toBe(50);
        expect(small.count).toBeGreaterThan(0);
        expect(large.count).toBe(small.count);
        const filtered = await statements('?limit=50&disappearedFrom=1990');
        expect(filtered.count).toBe(small.count);
      } finally {
        query.mockRestore();
      }
    });
  });

  describe('exact search', () => {
    const rasheed = {
      fullNameNative: 'رشید احمد بلوچ',
      fullNameLatin: 'Rasheed Ahmed Baloch',
      guardianName: 'Karim Bakhsh Baloch',
      guardianRelation: 'FATHER',
      nationalIdCountry: 'PK',
      nationalId: '54400-1234567-3',
    };

    it('finds a case by CNIC and by every word of a name in either script, never by part of a word', async () => {
      const opened = await openCase();
      expect((await putPerson(opened.id, rasheed)).status).toBe(200);
      const found = async (body: object) => ((await search(body)).body.items as { id: string }[]).map((item) => item.id);
      expect(await found({ by: 'nationalId', nationalId: '54400-1234567-3' })).toEqual([opened.id]);
      expect(await found({ by: 'nationalId', nationalIdCountry: 'PK', nationalId: '5440012345673' })).toEqual([opened.id]);
      expect(await found({ by: 'name', name: 'rasheed baloch' })).toEqual([opened.id]);
      expect(await found({ by: 'name', name: 'رشید بلوچ' })).toEqual([opened.id]);
      expect(await found({ by: 'name', name: 'Rasheed Khan' })).toEqual([]);
      expect(await found({ by: 'name', name: 'Rashee' })).toEqual([]);
      expect(await found({ by: 'nationalId', nationalId: '54400-1234567-5' })).toEqual([]);

      const events = await t.database.prisma.auditEvent.findMany({
        where: { entity: 'case_search', actorId: caseworkerId },
        select: { action: true, fields: true, caseId: true },
      });
      expect(events).toContainEqual({ action: 'search', fields: ['nationalId'], caseId: null });
      expect(events).toContainEqual({ action: 'search', fields: ['name'], caseId: null });
      expect(JSON.stringify(events)).not.toMatch(/Rasheed|رشید|54400/);
      expect(t.logs.text()).not.toMatch(/Rasheed|رشید|54400-1234567/);
    });

    it('finds only cases the user may see', async () => {
      const opened = await openCase(adminCookie);
      expect((await putPerson(opened.id, { ...rasheed, nationalId: '54400-7654321-3' }, adminCookie)).status).toBe(200);
      const colleague = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
      const colleagueCookie = await signIn(t, colleague.id, orgId);
      expect((await search({ by: 'nationalId', nationalId: '54400-7654321-3' }, colleagueCookie)).body.items).toEqual([]);
      expect((await search({ by: 'nationalId', nationalId: '54400-7654321-3' }, adminCookie)).body.items).toHaveLength(1);
      const otherOrg = await makeOrg(t);
      const stranger = await makeUser(t, { organizationId: otherOrg.id, role: 'ORG_ADMIN' });
      expect((await search({ by: 'nationalId', nationalId: '54400-7654321-3' }, await signIn(t, stranger.id, otherOrg.id))).body.items).toEqual([]);
    });

    it('refuses a bad search with field messages', async () => {
      expect((await search({ by: 'name', name: ' ' })).body.error.fields).toEqual({ name: ['Enter a name'] });
      expect((await search({ by: 'email', email: 'x' })).status).toBe(400);
      expect((await search({ by: 'name', name: 'Ali', nationalId: '1' })).body.error.fields).toEqual({ nationalId: ['Unknown field'] });
    });

    it('allows 30 searches in 10 minutes per user, then answers 429 with Retry-After', async () => {
      const user = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
      const as = await signIn(t, user.id, orgId);
      for (let index = 0; index < 30; index += 1) expect((await search({ by: 'name', name: 'Nobody' }, as)).status).toBe(200);
      const limited = await search({ by: 'name', name: 'Nobody' }, as);
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('600');
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      // Others are not affected.
      expect((await search({ by: 'name', name: 'Nobody' })).status).toBe(200);
    });
  });
});
