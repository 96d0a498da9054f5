import { CaseExportSchema, PFIF_NAMESPACE } from '@lapata/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGrant, makeOrg, makeReminderForum, makeReminderHearing, makeReminderProceeding, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { readPfifDocument } from '../pfif/pfif-xml';

const amina = {
  fullNameNative: 'آمنہ بی بی',
  fullNameLatin: 'Amina Bibi Qasrani',
  aliases: ['Ammi Jaan'],
  guardianName: 'Ghulam Rasool Qasrani',
  guardianRelation: 'HUSBAND',
  sex: 'FEMALE',
  dateOfBirth: { from: '1984-06', to: null },
  nationalIdCountry: 'PK',
  nationalId: '42101-9876543-2',
  phones: ['+92 300 7654321'],
  addresses: [{ kind: 'HOME', text: 'Gali 4, Lyari, Karachi' }],
  occupation: 'Schoolteacher',
  physicalDescription: 'Scar above the left eyebrow',
};

const pfifPerson = (id: string, fields: string) =>
  `<pfif:person><pfif:person_record_id>${id}</pfif:person_record_id><pfif:source_date>2026-01-02T03:04:05Z</pfif:source_date>${fields}</pfif:person>`;
const pfifFile = (...persons: string[]) => `<?xml version="1.0" encoding="UTF-8"?><pfif:pfif xmlns:pfif="${PFIF_NAMESPACE}">${persons.join('')}</pfif:pfif>`;

describe('case export and PFIF import', () => {
  let t: TestApp;
  let orgId: string;
  let cookie: string;
  let viewer: { id: string };
  let viewerCookie: string;
  let outsiderCookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (): Promise<{ id: string; reference: string }> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    expect(created.status).toBe(201);
    return created.body as { id: string; reference: string };
  };
  const exportJson = (caseId: string, as = cookie) => request(t.http).get(`/cases/${caseId}/export.json`).set('Cookie', as);
  const exportPfif = (caseId: string, as = cookie) =>
    request(t.http).get(`/cases/${caseId}/export.pfif.xml`).set('Cookie', as).buffer(true).parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
  const importPfif = (xml: string, as = cookie) =>
    request(t.http).post('/cases/import/pfif').set(origin()).set('Cookie', as).set('Content-Type', 'application/xml').send(xml);
  const caseCount = () => t.database.prisma.case.count({ where: { organizationId: orgId } });

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await makeOrg(t)).id;
    const caseworker = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    cookie = await signIn(t, caseworker.id, orgId);
    viewer = await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' });
    viewerCookie = await signIn(t, viewer.id, orgId);
    const otherOrg = (await makeOrg(t)).id;
    outsiderCookie = await signIn(t, (await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' })).id, otherOrg);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('exports the whole record decrypted, as a versioned attachment, audited without values', async () => {
    const found = await openCase();
    expect((await request(t.http).put(`/cases/${found.id}/person`).set(origin()).set('Cookie', cookie).send(amina)).status).toBe(200);
    const disappearance = { lastSeen: { from: '2025-03-14', to: null }, lastSeenPlace: 'Outside Lyari police station', circumstances: 'Taken by men in plain clothes' };
    expect((await request(t.http).put(`/cases/${found.id}/disappearance`).set(origin()).set('Cookie', cookie).send(disappearance)).status).toBe(200);
    const relative = { relationship: 'HUSBAND', name: 'Ghulam Rasool Qasrani', phones: ['0333 1112223'] };
    expect((await request(t.http).post(`/cases/${found.id}/relatives`).set(origin()).set('Cookie', cookie).send(relative)).status).toBe(201);
    const entry = { kind: 'POLICE_CONTACT', occurred: { from: '2025-03-15', to: null }, body: 'SHO refused to register the FIR' };
    expect((await request(t.http).post(`/cases/${found.id}/diary`).set(origin()).set('Cookie', cookie).send(entry)).status).toBe(201);
    const forum = await makeReminderForum(t, orgId);
    const proceeding = await makeReminderProceeding(t, { caseId: found.id, forumId: forum.id });
    const hearing = await makeReminderHearing(t, { proceedingId: proceeding.id, scheduledAt: new Date('2026-02-01T05:00:00Z') });

    const response = await exportJson(found.id);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="case-${found.reference}.json"`);
    expect(response.headers['cache-control']).toBe('no-store');
    const document = CaseExportSchema.parse(response.body);
    expect(document).toMatchObject({ format: 'lapata-case-export', version: 1, case: { id: found.id, reference: found.reference, status: 'MISSING' } });
    expect(document.case.person).toMatchObject({ ...amina, caseId: found.id });
    expect(document.case.disappearance).toMatchObject({ lastSeenPlace: disappearance.lastSeenPlace, circumstances: disappearance.circumstances });
    expect(document.case.relatives).toMatchObject([{ name: relative.name, phones: relative.phones }]);
    expect(document.case.diary).toMatchObject([{ kind: 'POLICE_CONTACT', body: entry.body }]);
    expect(document.case.proceedings).toMatchObject([{ id: proceeding.id, hearings: [{ id: hearing.id }] }]);
    expect(document.case.filings).toEqual([]);
    expect(document.case.photos).toEqual([]);
    expect(document.case.statusHistory).toMatchObject([{ toStatus: 'MISSING' }]);
    expect(response.body).not.toHaveProperty('case.access');

    const exported = await t.database.prisma.auditEvent.findMany({ where: { caseId: found.id, action: 'export' } });
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ entity: 'case_export', entityId: found.id });
    expect(exported[0]!.fields).toEqual(expect.arrayContaining(['missing_person', 'disappearance', 'diary', 'proceedings', 'filings']));
    // Each composed read audited itself as well.
    const reads = await t.database.prisma.auditEvent.findMany({ where: { caseId: found.id, action: 'read' }, select: { entity: true } });
    expect(reads.map((event) => event.entity)).toEqual(expect.arrayContaining(['case', 'missing_person', 'disappearance', 'diary_entry']));
    const trail = JSON.stringify(await t.database.prisma.auditEvent.findMany({ where: { caseId: found.id }, select: { entity: true, action: true, fields: true } }));
    expect(trail).not.toMatch(/Amina|42101|Lyari|SHO/);
  });

  it('exports a case with nothing recorded yet as empty sections', async () => {
    const found = await openCase();
    const response = await exportJson(found.id);
    expect(response.status).toBe(200);
    expect(response.body.case).toMatchObject({ person: null, photos: [], disappearance: null, relatives: [], diary: [], proceedings: [], filings: [] });
    // PFIF needs a person.
    expect((await exportPfif(found.id)).status).toBe(404);
  });

  it('answers 404 to a VIEW grant and to another organisation, writing no export event', async () => {
    const found = await openCase();
    await makeGrant(t, { caseId: found.id, userId: viewer.id, level: 'VIEW' });
    expect((await request(t.http).get(`/cases/${found.id}`).set('Cookie', viewerCookie)).status).toBe(200);
    for (const as of [viewerCookie, outsiderCookie]) {
      for (const call of [exportJson, exportPfif]) {
        const response = await call(found.id, as);
        expect(response.status).toBe(404);
        expect(response.headers['content-disposition']).toBeUndefined();
      }
    }
    expect(await t.database.prisma.auditEvent.count({ where: { caseId: found.id, action: 'export' } })).toBe(0);
  });

  it('exports PFIF 1.4 that imports back into a new case with the same person fields', async () => {
    const found = await openCase();
    await request(t.http).put(`/cases/${found.id}/person`).set(origin()).set('Cookie', cookie).send(amina);
    await request(t.http)
      .put(`/cases/${found.id}/disappearance`)
      .set(origin())
      .set('Cookie', cookie)
      .send({ lastSeenPlace: 'Empress Market, Saddar' });

    const response = await exportPfif(found.id);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="case-${found.reference}.pfif.xml"`);
    const xml = response.body as string;
    const host = new URL(t.config.publicUrl).host;
    expect(xml).toContain(`<pfif:pfif xmlns:pfif="${PFIF_NAMESPACE}">`);
    expect(xml).toContain(`<pfif:person_record_id>${host}/${found.id}</pfif:person_record_id>`);
    expect(xml).toContain('<pfif:status>believed_missing</pfif:status>');
    expect(xml).toContain('<pfif:last_known_location>Empress Market, Saddar</pfif:last_known_location>');
    expect(xml).not.toMatch(/42101|7654321|Ghulam|Schoolteacher/);
    const read = readPfifDocument(xml);
    expect(read.ok && read.persons.map((person) => person.errors)).toEqual([{}]);
    expect(await t.database.prisma.auditEvent.count({ where: { caseId: found.id, action: 'export', entity: 'case_export_pfif' } })).toBe(1);

    const imported = await importPfif(xml);
    expect(imported.status).toBe(201);
    expect(imported.body.cases).toHaveLength(1);
    const created = imported.body.cases[0];
    expect(created).toMatchObject({ index: 0, personRecordId: `${host}/${found.id}`, reference: expect.any(String) });
    expect(created.caseId).not.toBe(found.id);
    // PFIF carries neither the ID number nor the guardian's name, so no duplicate can be matched.
    expect(created.duplicates).toEqual({ matches: [], hiddenMatches: false });
    const person = await request(t.http).get(`/cases/${created.caseId}/person`).set('Cookie', cookie);
    expect(person.body).toMatchObject({
      fullNameNative: amina.fullNameNative,
      fullNameLatin: amina.fullNameLatin,
      aliases: amina.aliases,
      sex: 'FEMALE',
      dateOfBirth: amina.dateOfBirth,
      addresses: amina.addresses,
      physicalDescription: amina.physicalDescription,
      nationalId: null,
      phones: [],
    });
    const opened = await request(t.http).get(`/cases/${created.caseId}`).set('Cookie', cookie);
    expect(opened.body.tags).toEqual(['pfif-import']);
    const events = await t.database.prisma.auditEvent.findMany({ where: { caseId: created.caseId }, select: { entity: true, action: true } });
    expect(events).toEqual(expect.arrayContaining([
      { entity: 'case', action: 'create' },
      { entity: 'missing_person', action: 'create' },
      { entity: 'case', action: 'import' },
    ]));
  });

  it("uses the organisation's PFIF domain and expiry when set, and maps the case status to the note", async () => {
    const found = await openCase();
    await request(t.http).put(`/cases/${found.id}/person`).set(origin()).set('Cookie', cookie).send({ fullNameLatin: 'Zubair Khan' });
    await t.database.prisma.organization.update({ where: { id: orgId }, data: { pfifDomain: 'pfif.hrcp.example', pfifExpiryDays: 30 } });
    await t.database.prisma.case.update({ where: { id: found.id }, data: { status: 'LOCATED_DECEASED' } });
    try {
      const response = await exportPfif(found.id);
      expect(response.status).toBe(200);
      const xml = response.body as string;
      expect(xml).toContain(`<pfif:person_record_id>pfif.hrcp.example/${found.id}</pfif:person_record_id>`);
      expect(xml).toContain('<pfif:status>believed_dead</pfif:status>');
      expect(xml).not.toContain('<pfif:sex>');
      const expiry = /<pfif:expiry_date>([^<]+)<\/pfif:expiry_date>/.exec(xml)?.[1];
      expect(Date.parse(expiry!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
      expect(Date.parse(expiry!) - Date.now()).toBeLessThan(31 * 86_400_000);
    } finally {
      await t.database.prisma.organization.update({ where: { id: orgId }, data: { pfifDomain: null, pfifExpiryDays: null } });
    }
  });

  it('imports several records at once, each name in the slot of its script', async () => {
    const before = await caseCount();
    const response = await importPfif(
      pfifFile(
        pfifPerson('other.example/1', '<pfif:full_name>Bilal Ahmed</pfif:full_name><pfif:sex>male</pfif:sex><pfif:date_of_birth>1990</pfif:date_of_birth>'),
        pfifPerson('other.example/2', '<pfif:full_name>ثمینہ</pfif:full_name><pfif:alternate_names>Samina\nSammo</pfif:alternate_names><pfif:home_city>Quetta</pfif:home_city><pfif:home_country>PK</pfif:home_country>'),
      ),
    );
    expect(response.status).toBe(201);
    expect(response.body.cases.map((created: { index: number }) => created.index)).toEqual([0, 1]);
    expect(await caseCount()).toBe(before + 2);
    const samina = await request(t.http).get(`/cases/${response.body.cases[1].caseId}/person`).set('Cookie', cookie);
    expect(samina.body).toMatchObject({ fullNameNative: 'ثمینہ', fullNameLatin: 'Samina', aliases: ['Sammo'], addresses: [{ kind: 'HOME', text: 'Quetta, PK' }] });
  });

  it('refuses a file with any invalid record with each record\'s messages, creating nothing', async () => {
    const before = await caseCount();
    const eventsBefore = await t.database.prisma.auditEvent.count({ where: { organizationId: orgId } });
    const response = await importPfif(
      pfifFile(
        pfifPerson('ok.example/1', '<pfif:full_name>Valid Person</pfif:full_name>'),
        pfifPerson('bad.example/2', '<pfif:sex>f</pfif:sex><pfif:date_of_birth>1990-02-30</pfif:date_of_birth>'),
        pfifPerson('bad.example/3', '<pfif:full_name>Odd</pfif:full_name><x:age xmlns:x="urn:other">5</x:age>'),
      ),
    );
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '2 of the file\'s person records are not valid. Nothing was imported.',
      records: [
        {
          index: 1,
          personRecordId: 'bad.example/2',
          errors: { full_name: ['Give the full name'], sex: ['Use female, male or other'], date_of_birth: ['This date does not exist'] },
        },
        { index: 2, personRecordId: 'bad.example/3', errors: { age: ['This element is not in the PFIF 1.4 namespace.'] } },
      ],
    });
    expect(await caseCount()).toBe(before);
    expect(await t.database.prisma.auditEvent.count({ where: { organizationId: orgId } })).toBe(eventsBefore);
  });

  it('refuses malformed XML, entity expansion, a wrong content type and an oversized file, creating nothing', async () => {
    const before = await caseCount();
    const malformed = await importPfif(pfifFile(pfifPerson('a.example/1', '<pfif:full_name>Open')));
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields.file[0]).toMatch(/^The file is not well-formed XML \(line \d+, column \d+\)\.$/);

    const laughs =
      '<?xml version="1.0"?><!DOCTYPE pfif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      `<pfif:pfif xmlns:pfif="${PFIF_NAMESPACE}">${pfifPerson('a.example/1', '<pfif:full_name>&c;</pfif:full_name>')}</pfif:pfif>`;
    const expansion = await importPfif(laughs);
    expect(expansion.status).toBe(400);
    expect(expansion.body.error.fields).toEqual({ file: ['The file must not contain a document type declaration (DOCTYPE).'] });

    const json = await request(t.http).post('/cases/import/pfif').set(origin()).set('Cookie', cookie).send({ xml: '<pfif/>' });
    expect(json.status).toBe(415);

    const huge = await importPfif(pfifFile(pfifPerson('a.example/1', `<pfif:description>${'x'.repeat(5 * 1024 * 1024)}</pfif:description>`)));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await caseCount()).toBe(before);
  });

  it('rolls back the cases opened before a record fails midway', async () => {
    const before = await caseCount();
    // Valid as PFIF and as a person, but the second case cannot be opened: the caseworker loses
    // the organisation between the two creations (a trigger stands in for a failure midway).
    await t.database.prisma.$executeRawUnsafe(`
      create or replace function fail_second_import() returns trigger language plpgsql as $$
      begin
        if (select count(*) from cases where organization_id = new.organization_id and 'pfif-midway' = any(tags)) > 0 then
          raise exception 'midway failure';
        end if;
        return new;
      end $$`);
    await t.database.prisma.$executeRawUnsafe(`
      create trigger fail_second_import before insert on cases for each row
      when (new.tags @> array['pfif-import']::text[]) execute function fail_second_import()`);
    await t.database.prisma.$executeRawUnsafe(`
      create or replace function tag_first_import() returns trigger language plpgsql as $$
      begin new.tags := new.tags || array['pfif-midway']; return new; end $$`);
    await t.database.prisma.$executeRawUnsafe(`
      create trigger tag_first_import before insert on cases for each row
      when (new.tags @> array['pfif-import']::text[]) execute function tag_first_import()`);
    try {
      const response = await importPfif(
        pfifFile(pfifPerson('mid.example/1', '<pfif:full_name>First Person</pfif:full_name>'), pfifPerson('mid.example/2', '<pfif:full_name>Second Person</pfif:full_name>')),
      );
      expect(response.status).toBe(500);
      expect(await caseCount()).toBe(before);
    } finally {
      await t.database.prisma.$executeRawUnsafe('drop trigger fail_second_import on cases');
      await t.database.prisma.$executeRawUnsafe('drop trigger tag_first_import on cases');
    }
  });

  it('lets only users who may open cases import', async () => {
    const family = await makeUser(t, { organizationId: orgId, role: 'FAMILY' });
    const familyCookie = await signIn(t, family.id, orgId);
    const before = await caseCount();
    const response = await importPfif(pfifFile(pfifPerson('f.example/1', '<pfif:full_name>Someone</pfif:full_name>')), familyCookie);
    expect(response.status).toBe(404);
    expect(await caseCount()).toBe(before);
  });
});
