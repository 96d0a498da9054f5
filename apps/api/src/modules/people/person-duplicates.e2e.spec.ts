import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';

const nextYear = String(new Date().getUTCFullYear() + 1);

describe('the missing person: date of birth, addresses and duplicate warnings', () => {
  let t: TestApp;
  let orgId: string;
  let caseworkerId: string;
  let cookie: string;
  let adminCookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (as = cookie): Promise<{ id: string; reference: string }> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', as).send({ tags: [] });
    expect(created.status).toBe(201);
    return created.body as { id: string; reference: string };
  };
  const put = (caseId: string, body: object, as = cookie) =>
    request(t.http).put(`/cases/${caseId}/person`).set(origin()).set('Cookie', as).send(body);
  const check = (caseId: string, body: object, as = cookie) =>
    request(t.http).post(`/cases/${caseId}/person/duplicate-check`).set(origin()).set('Cookie', as).send(body);
  const get = (caseId: string, as = cookie) => request(t.http).get(`/cases/${caseId}/person`).set('Cookie', as);

  // Every test uses names and numbers of its own, so matches from other tests don't mix in.
  let serial = 1000000;
  const person = (overrides: object = {}) => {
    serial += 1;
    const words = `Zarwali${serial} Khan`;
    return {
      fullNameLatin: words,
      guardianName: `Sher${serial} Gul`,
      guardianRelation: 'FATHER',
      nationalIdCountry: 'PK',
      nationalId: `17301-${serial}-1`,
      ...overrides,
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    caseworkerId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id;
    cookie = await signIn(t, caseworkerId, orgId);
    adminCookie = await signIn(t, (await makeUser(t, { organizationId: orgId, role: 'ORG_ADMIN' })).id, orgId);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores a partial date of birth and descriptive addresses encrypted, and reads them back', async () => {
    const opened = await openCase();
    const addresses = [
      { kind: 'HOME', text: 'Mohalla Baghbanpura, behind the mosque' },
      { kind: 'WORK', text: 'Shop 12, Qissa Khwani bazaar' },
    ];
    const body = person({ dateOfBirth: { from: '1970', to: '1972' }, addresses });
    const saved = await put(opened.id, body);
    expect(saved.status).toBe(200);
    const read = await get(opened.id);
    expect(read.body).toMatchObject({ dateOfBirth: { from: '1970', to: '1972' }, addresses });
    const row = await t.database.prisma.missingPerson.findUniqueOrThrow({ where: { caseId: opened.id } });
    expect(Buffer.from(row.dateOfBirthEnc!).toString('latin1')).not.toContain('1970');
    expect(Buffer.from(row.addressesEnc!).toString('latin1')).not.toContain('Baghbanpura');
    const event = await t.database.prisma.auditEvent.findFirstOrThrow({ where: { caseId: opened.id, entity: 'missing_person', action: 'create' } });
    expect(event.fields).toEqual(expect.arrayContaining(['dateOfBirth', 'addresses']));
  });

  it('refuses a future or impossible date of birth and a bad address with field messages, writing nothing', async () => {
    const opened = await openCase();
    const cases: [object, Record<string, string[]>][] = [
      [{ dateOfBirth: { from: nextYear, to: null } }, { 'dateOfBirth.from': ['This date is in the future'] }],
      [{ dateOfBirth: { from: '1980-02-30', to: null } }, { 'dateOfBirth.from': ['This date does not exist'] }],
      [{ dateOfBirth: { from: '1980', to: '1975' } }, { 'dateOfBirth.to': ['The end of the range is before its start'] }],
      [{ addresses: [{ kind: 'POSTAL', text: 'x' }] }, { 'addresses.0.kind': [expect.any(String)] as unknown as string[] }],
      [{ addresses: [{ kind: 'HOME', text: ' ' }] }, { 'addresses.0.text': ['Enter some text or remove the entry'] }],
      [{ addresses: [{ kind: 'HOME', text: 'x', postcode: '1' }] }, { 'addresses.0.postcode': ['Unknown field'] }],
    ];
    for (const [overrides, fields] of cases) {
      const refused = await put(opened.id, person(overrides));
      expect(refused.status, JSON.stringify(overrides)).toBe(400);
      expect(refused.body.error.fields).toEqual(fields);
    }
    expect(await t.database.prisma.missingPerson.count({ where: { caseId: opened.id } })).toBe(0);
  });

  it('warns of another visible case with the same CNIC, or the same name and father\'s name, and saves anyway', async () => {
    const first = await openCase();
    const original = person();
    expect((await put(first.id, original)).body.duplicates).toEqual({ matches: [], hiddenMatches: false });

    const sameCnic = await openCase();
    const byCnic = await put(sameCnic.id, person({ nationalId: original.nationalId }));
    expect(byCnic.status).toBe(200);
    expect(byCnic.body.duplicates).toEqual({ matches: [{ caseId: first.id, reference: first.reference }], hiddenMatches: false });
    expect(await t.database.prisma.missingPerson.count({ where: { caseId: sameCnic.id } })).toBe(1);

    // Same words in another order and case, no CNIC.
    const sameName = await openCase();
    const byName = await put(sameName.id, {
      fullNameLatin: original.fullNameLatin.split(' ').reverse().join(' ').toUpperCase(),
      guardianName: original.guardianName,
    });
    expect(byName.body.duplicates.matches).toEqual([{ caseId: first.id, reference: first.reference }]);

    // The name alone, or with another father's name, is not enough.
    const other = await openCase();
    expect((await put(other.id, { fullNameLatin: original.fullNameLatin })).body.duplicates.matches).toEqual([]);
    expect((await put(other.id, { fullNameLatin: original.fullNameLatin, guardianName: 'Someone Else', version: 1 })).body.duplicates.matches).toEqual([]);

    // Editing the first case does not find the case itself; it finds the ones that copied it.
    const edited = await put(first.id, { ...original, version: 1 });
    expect(edited.body.duplicates.matches.map((match: { caseId: string }) => match.caseId).sort()).toEqual([sameCnic.id, sameName.id].sort());
  });

  it('only flags a match the user may not open, without its reference or how many there are', async () => {
    const hidden = await openCase(adminCookie);
    const secret = person();
    expect((await put(hidden.id, secret, adminCookie)).status).toBe(200);
    const hiddenToo = await openCase(adminCookie);
    expect((await put(hiddenToo.id, { ...secret, nationalId: null, nationalIdCountry: null }, adminCookie)).status).toBe(200);

    const mine = await openCase();
    const saved = await put(mine.id, secret);
    expect(saved.status).toBe(200);
    expect(saved.body.duplicates).toEqual({ matches: [], hiddenMatches: true });
    expect(JSON.stringify(saved.body)).not.toContain(hidden.reference);
    expect(JSON.stringify(saved.body)).not.toContain(hidden.id);

    // Once granted, it is named.
    await makeGrant(t, { caseId: hidden.id, userId: caseworkerId, level: 'VIEW' });
    const named = await check(mine.id, secret);
    expect(named.body).toEqual({ matches: [{ caseId: hidden.id, reference: hidden.reference }], hiddenMatches: true });

    // The administrator sees every match.
    expect((await check(mine.id, secret, adminCookie)).body.matches).toHaveLength(2);
  });

  it('leaves out soft-deleted cases and other organisations', async () => {
    const deleted = await openCase();
    const body = person();
    expect((await put(deleted.id, body)).status).toBe(200);
    await t.database.prisma.case.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });

    const otherOrg = await makeOrg(t);
    const stranger = await makeUser(t, { organizationId: otherOrg.id, role: 'ORG_ADMIN' });
    const strangerCookie = await signIn(t, stranger.id, otherOrg.id);
    const theirs = await openCase(strangerCookie);
    expect((await put(theirs.id, body, strangerCookie)).body.duplicates).toEqual({ matches: [], hiddenMatches: false });

    const mine = await openCase();
    expect((await put(mine.id, body)).body.duplicates).toEqual({ matches: [], hiddenMatches: false });
  });

  it('checks before saving: writes nothing but the audit event, needs CONTRIBUTE, refuses bad input', async () => {
    const first = await openCase();
    const body = person();
    expect((await put(first.id, body)).status).toBe(200);
    const draft = await openCase();
    const checked = await check(draft.id, body);
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ matches: [{ caseId: first.id, reference: first.reference }], hiddenMatches: false });
    expect(await t.database.prisma.missingPerson.count({ where: { caseId: draft.id } })).toBe(0);
    const events = await t.database.prisma.auditEvent.findMany({ where: { caseId: draft.id, entity: 'duplicate_check' }, select: { action: true, fields: true } });
    expect(events).toEqual([{ action: 'search', fields: ['nationalId', 'fullNameNative', 'fullNameLatin', 'guardianName'] }]);

    const bad = await check(draft.id, { ...body, nationalId: '1730112345671' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ nationalId: ['Enter the CNIC as 12345-1234567-1'] });

    const viewer = await makeUser(t, { organizationId: orgId, role: 'LAWYER' });
    await makeGrant(t, { caseId: draft.id, userId: viewer.id, level: 'VIEW' });
    expect((await check(draft.id, body, await signIn(t, viewer.id, orgId))).status).toBe(404);
    const stranger = await makeUser(t, { organizationId: (await makeOrg(t)).id, role: 'ORG_ADMIN' });
    expect((await check(draft.id, body, await signIn(t, stranger.id, null))).status).toBe(404);
  });
});
