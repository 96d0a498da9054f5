import request from 'supertest';
import { uuidv7 } from '@lapata/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe('forums and proceedings', () => {
  let t: TestApp;
  let orgId: string;
  let caseworker: string;
  let admin: string;
  let lawyerId: string;
  let outsider: string;
  let forumId: string;
  let highCourtKindId: string;
  const origin = () => ({ Origin: t.config.publicUrl });
  const post = (path: string, body: object, as = caseworker) => request(t.http).post(path).set(origin()).set('Cookie', as).send(body);
  const patch = (path: string, body: object, as = caseworker) => request(t.http).patch(path).set(origin()).set('Cookie', as).send(body);
  const get = (path: string, as = caseworker) => request(t.http).get(path).set('Cookie', as);

  const openCase = async (): Promise<string> => {
    const created = await post('/cases', { tags: [] });
    expect(created.status).toBe(201);
    await makeGrant(t, { caseId: created.body.id, userId: lawyerId, level: 'CONTRIBUTE' });
    return created.body.id as string;
  };
  const writes = async (caseId: string) => ({
    proceedings: await t.database.prisma.proceeding.count({ where: { caseId } }),
    changes: await t.database.prisma.proceedingStatusChange.count({ where: { proceeding: { caseId } } }),
    audit: await t.database.prisma.auditEvent.count({ where: { caseId, entity: 'proceeding' } }),
  });
  const petition = () => ({
    forumId,
    type: 'PETITION',
    caseNumber: 'C.P. No. D-1234 of 2019',
    filed: { from: '2019-03', to: null },
    counselIds: [lawyerId],
    respondents: 'Federation of Pakistan through Secretary Interior',
    reliefSought: 'Produce the detenu before the court',
    status: 'FILED',
  });

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    caseworker = await signIn(t, (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id, orgId);
    admin = await signIn(t, (await makeUser(t, { organizationId: orgId, role: 'ORG_ADMIN' })).id, orgId);
    lawyerId = (await makeUser(t, { organizationId: orgId, role: 'LAWYER', displayName: 'Advocate Jibran Nasir' })).id;
    const otherOrg = (await makeOrg(t)).id;
    outsider = await signIn(t, (await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' })).id, otherOrg);

    const kinds = await get('/forum-kinds');
    expect(kinds.status).toBe(200);
    const codes = kinds.body.items.map((kind: { code: string }) => kind.code);
    expect(codes).toEqual(expect.arrayContaining(['SUPREME_COURT', 'HIGH_COURT', 'COIED', 'POLICE', 'UN_WGEID', 'OTHER']));
    highCourtKindId = kinds.body.items.find((kind: { code: string }) => kind.code === 'HIGH_COURT').id;
    const forum = await post('/forums', { kindId: highCourtKindId, name: 'Sindh High Court', city: 'Karachi', bench: 'Constitutional bench' });
    expect(forum.status).toBe(201);
    expect(forum.body).toMatchObject({ name: 'Sindh High Court', timeZone: 'Asia/Karachi', kind: { code: 'HIGH_COURT', builtIn: true } });
    forumId = forum.body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets administrators add kinds of forum and everyone in the organisation list forums', async () => {
    const refused = await post('/forum-kinds', { code: 'OMBUDSMAN', nameEn: 'Ombudsman', nameUr: 'محتسب' });
    expect(refused.status).toBe(404);
    const added = await post('/forum-kinds', { code: 'OMBUDSMAN', nameEn: 'Ombudsman', nameUr: 'محتسب' }, admin);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ code: 'OMBUDSMAN', builtIn: false });
    const duplicate = await post('/forum-kinds', { code: 'HIGH_COURT', nameEn: 'Again', nameUr: 'دوبارہ' }, admin);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.fields).toEqual({ code: ['This code is already in the list'] });

    // Another organisation sees the built-in kinds, not this one's, and none of its forums.
    const theirKinds = await get('/forum-kinds', outsider);
    expect(theirKinds.body.items.map((kind: { code: string }) => kind.code)).not.toContain('OMBUDSMAN');
    expect((await get('/forums', outsider)).body.items).toEqual([]);
    expect((await get('/forums')).body.items.map((forum: { id: string }) => forum.id)).toContain(forumId);

    const unknownKind = await post('/forums', { kindId: uuidv7(), name: 'X' });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error.fields).toEqual({ kindId: ['Unknown kind of forum'] });
    const badZone = await post('/forums', { kindId: highCourtKindId, name: 'X', timeZone: 'Mars/Olympus' });
    expect(badZone.body.error.fields).toEqual({ timeZone: ['Choose a time zone from the list, e.g. Asia/Karachi'] });
  });

  it('records a proceeding encrypted, indexed and audited without values, and reads it back', async () => {
    const caseId = await openCase();
    const created = await post(`/cases/${caseId}/proceedings`, petition());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'PETITION',
      caseNumber: 'C.P. No. D-1234 of 2019',
      filed: { from: '2019-03', to: null },
      counsel: [{ userId: lawyerId, displayName: 'Advocate Jibran Nasir' }],
      status: 'FILED',
      allowedNextStatuses: ['PENDING', 'HEARING_SCHEDULED', 'DISMISSED', 'WITHDRAWN', 'DISPOSED_OF'],
      forum: { id: forumId, name: 'Sindh High Court' },
      version: 1,
      statusChanges: [{ fromStatus: null, toStatus: 'FILED', effectiveOn: '2019-03-01', note: null }],
    });

    const row = await t.database.prisma.proceeding.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(Buffer.from(row.caseNumberEnc!).toString('utf8')).not.toContain('1234');
    expect(Buffer.from(row.respondentsEnc!).toString('utf8')).not.toContain('Federation');
    expect(row.caseNumberBidx).toHaveLength(16);
    expect(row).toMatchObject({ filedPrecision: 'MONTH', organizationId: orgId });

    // The same number written differently finds the same blind index.
    const other = await post(`/cases/${caseId}/proceedings`, { ...petition(), caseNumber: 'c.p. no.D-1234 of  2019', counselIds: [] });
    const otherRow = await t.database.prisma.proceeding.findUniqueOrThrow({ where: { id: other.body.id } });
    expect(Buffer.from(otherRow.caseNumberBidx!)).toEqual(Buffer.from(row.caseNumberBidx!));

    const list = await get(`/cases/${caseId}/proceedings`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const read = await get(`/cases/${caseId}/proceedings/${created.body.id}`);
    expect(read.body).toMatchObject({ caseNumber: 'C.P. No. D-1234 of 2019', reliefSought: 'Produce the detenu before the court' });

    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId, entity: 'proceeding', entityId: created.body.id },
      orderBy: { seq: 'asc' },
      select: { action: true, fields: true },
    });
    expect(events.map((event) => event.action)).toEqual(['create', 'read', 'read']);
    expect(events[0]!.fields).toEqual(expect.arrayContaining(['caseNumber', 'respondents', 'reliefSought']));
    expect(JSON.stringify(events)).not.toMatch(/1234|Federation|detenu/);
  });

  it('refuses an unknown forum, counsel who are not lawyers with a grant, bad links and unknown fields, writing nothing', async () => {
    const caseId = await openCase();
    const before = await writes(caseId);
    const otherOrgForum = await t.database.prisma.forum.create({
      data: { organizationId: (await makeOrg(t)).id, kindId: highCourtKindId, name: 'Elsewhere' },
    });
    const unknownForum = await post(`/cases/${caseId}/proceedings`, { ...petition(), forumId: otherOrgForum.id });
    expect(unknownForum.status).toBe(400);
    expect(unknownForum.body.error.fields).toEqual({ forumId: ['Unknown forum'] });

    const caseworkerId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id;
    await makeGrant(t, { caseId, userId: caseworkerId, level: 'VIEW' });
    const ungrantedLawyer = (await makeUser(t, { organizationId: orgId, role: 'LAWYER' })).id;
    for (const counselIds of [[caseworkerId], [ungrantedLawyer]]) {
      const refused = await post(`/cases/${caseId}/proceedings`, { ...petition(), counselIds });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toEqual({ counselIds: ['Counsel must be lawyers with access to this case'] });
    }

    const badLink = await post(`/cases/${caseId}/proceedings`, { ...petition(), appealsProceedingId: otherOrgForum.id });
    expect(badLink.body.error.fields).toEqual({ appealsProceedingId: ['Unknown proceeding in this case'] });
    const orphanOrder = await post(`/cases/${caseId}/proceedings`, { ...petition(), appealsFilingId: otherOrgForum.id });
    expect(orphanOrder.body.error.fields).toEqual({ appealsFilingId: ['Choose the proceeding the order belongs to'] });

    const future = await post(`/cases/${caseId}/proceedings`, { ...petition(), filed: { from: '2999-01-01', to: null } });
    expect(future.body.error.fields).toEqual({ 'filed.from': ['This date is in the future'] });

    const unknown = await post(`/cases/${caseId}/proceedings`, { ...petition(), judgeName: 'x' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.fields)).toContain('judgeName');

    expect(await writes(caseId)).toEqual(before);
  });

  it('links an appeal to the proceeding it appeals and a transfer to the one it came from', async () => {
    const caseId = await openCase();
    const first = await post(`/cases/${caseId}/proceedings`, petition());
    const appeal = await post(`/cases/${caseId}/proceedings`, { ...petition(), type: 'APPEAL', appealsProceedingId: first.body.id });
    expect(appeal.status).toBe(201);
    expect(appeal.body.appealsProceedingId).toBe(first.body.id);
    const transfer = await post(`/cases/${caseId}/proceedings`, { ...petition(), transferredFromId: first.body.id });
    expect(transfer.body.transferredFromId).toBe(first.body.id);

    // A proceeding of another case is not a valid link.
    const otherCase = await openCase();
    const foreign = await post(`/cases/${otherCase}/proceedings`, { ...petition(), appealsProceedingId: first.body.id });
    expect(foreign.body.error.fields).toEqual({ appealsProceedingId: ['Unknown proceeding in this case'] });
  });

  it('updates with the version read, 409 when stale, and never changes the status by patch', async () => {
    const caseId = await openCase();
    const created = await post(`/cases/${caseId}/proceedings`, petition());
    const path = `/cases/${caseId}/proceedings/${created.body.id}`;
    const { status: _status, ...fields } = petition();
    const updated = await patch(path, { ...fields, caseNumber: 'C.P. No. D-1235 of 2019', version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ caseNumber: 'C.P. No. D-1235 of 2019', version: 2, status: 'FILED' });
    const before = await writes(caseId);
    const stale = await patch(path, { ...fields, caseNumber: 'lost', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const withStatus = await patch(path, { ...fields, status: 'DECIDED', version: 2 });
    expect(withStatus.status).toBe(400);
    expect(await writes(caseId)).toEqual(before);
  });

  it('moves the status only along the table, back-dated, with an encrypted note, and answers 409 with what is allowed', async () => {
    const caseId = await openCase();
    const created = await post(`/cases/${caseId}/proceedings`, { ...petition(), status: 'DRAFT' });
    const path = `/cases/${caseId}/proceedings/${created.body.id}/status`;
    const before = await writes(caseId);

    const illegal = await post(path, { to: 'DECIDED', effectiveOn: '2019-04-01', note: null, version: 1 });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'The proceeding cannot move to this status from where it is now.',
      allowed: ['FILED', 'WITHDRAWN'],
    });
    const future = await post(path, { to: 'FILED', effectiveOn: '2999-01-01', note: null, version: 1 });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual({ effectiveOn: ['This date is in the future'] });
    expect(await writes(caseId)).toEqual(before);

    const filed = await post(path, { to: 'FILED', effectiveOn: '2019-04-01', note: 'Filed through counsel at the registry', version: 1 });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'FILED', version: 2 });
    expect(filed.body.statusChanges.at(-1)).toMatchObject({
      fromStatus: 'DRAFT',
      toStatus: 'FILED',
      effectiveOn: '2019-04-01',
      note: 'Filed through counsel at the registry',
    });
    const stale = await post(path, { to: 'PENDING', effectiveOn: '2019-05-01', note: null, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const change = await t.database.prisma.proceedingStatusChange.findFirstOrThrow({ where: { proceedingId: created.body.id, toStatus: 'FILED' } });
    expect(Buffer.from(change.noteEnc!).toString('utf8')).not.toContain('registry');
    const event = await t.database.prisma.auditEvent.findFirstOrThrow({ where: { entityId: created.body.id, action: 'status' } });
    expect(event.fields).toEqual(['status', 'effectiveOn', 'note']);
  });

  it('finds proceedings by their exact case number, however written, only in cases the user works on', async () => {
    const caseId = await openCase();
    const created = await post(`/cases/${caseId}/proceedings`, { ...petition(), caseNumber: 'HRC No. 29388-S of 2018' });
    const found = await post('/proceedings/lookup', { caseNumber: 'hrc no.29388-s of 2018' });
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({ proceedingId: created.body.id, caseId, type: 'PETITION', forumName: 'Sindh High Court', status: 'FILED' }),
    ]);
    expect((await post('/proceedings/lookup', { caseNumber: 'HRC No. 29389-S of 2018' })).body.items).toEqual([]);

    const stranger = await signIn(t, (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id, orgId);
    expect((await post('/proceedings/lookup', { caseNumber: 'HRC No. 29388-S of 2018' }, stranger)).body.items).toEqual([]);
    expect((await post('/proceedings/lookup', { caseNumber: 'HRC No. 29388-S of 2018' }, outsider)).body.items).toEqual([]);
    expect((await post('/proceedings/lookup', { caseNumber: 'HRC No. 29388-S of 2018' }, admin)).body.items).toHaveLength(1);

    const empty = await post('/proceedings/lookup', { caseNumber: '  ' });
    expect(empty.body.error.fields).toEqual({ caseNumber: ['Enter the case number'] });
    const events = await t.database.prisma.auditEvent.findMany({ where: { action: 'lookup', entity: 'proceeding' }, select: { fields: true, organizationId: true } });
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(events)).not.toContain('29388');
  });

  it('answers 404 to another organisation on every proceeding route, and to a proceeding of another case', async () => {
    const caseId = await openCase();
    const created = await post(`/cases/${caseId}/proceedings`, petition());
    const path = `/cases/${caseId}/proceedings/${created.body.id}`;
    expect((await get(`/cases/${caseId}/proceedings`, outsider)).status).toBe(404);
    expect((await get(path, outsider)).status).toBe(404);
    expect((await post(`/cases/${caseId}/proceedings`, petition(), outsider)).status).toBe(404);
    expect((await patch(path, { ...petition(), status: undefined, version: 1 }, outsider)).status).toBe(404);
    expect((await post(`${path}/status`, { to: 'PENDING', effectiveOn: '2020-01-01', note: null, version: 1 }, outsider)).status).toBe(404);
    const otherCase = await openCase();
    expect((await get(`/cases/${otherCase}/proceedings/${created.body.id}`)).status).toBe(404);
  });
});
