import { PFIF_IMPORT_MAX_RECORDS, PFIF_NAMESPACE, type MissingPersonResponse } from '@lapata/contracts';
import { describe, expect, it } from 'vitest';
import { fromPfifPerson, toPfifPersonFields } from './pfif-person';
import { readPfifDocument, writePfifDocument } from './pfif-xml';

const pfif = (body: string, declaration = `xmlns:pfif="${PFIF_NAMESPACE}"`) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif ${declaration}>${body}</pfif:pfif>`;

const person = (fields: string) => `<pfif:person>${fields}</pfif:person>`;
const valid = (id = 'example.org/1', name = 'Amina Bibi') =>
  person(`<pfif:person_record_id>${id}</pfif:person_record_id><pfif:source_date>2026-01-02T03:04:05Z</pfif:source_date><pfif:full_name>${name}</pfif:full_name>`);

const failure = (xml: string) => {
  const read = readPfifDocument(xml);
  if (read.ok) throw new Error('expected the document to be refused');
  return read.message;
};

describe('reading PFIF 1.4', () => {
  it('reads each person field, whatever the prefix, with entities and character references decoded', () => {
    const read = readPfifDocument(
      `<p:pfif xmlns:p="${PFIF_NAMESPACE}"><p:person><p:person_record_id>x.org/1</p:person_record_id>` +
        '<p:full_name>A &amp; B &#233;</p:full_name><p:sex>female</p:sex><!-- a comment --><p:description><![CDATA[<scar> & mole]]></p:description></p:person></p:pfif>',
    );
    expect(read).toEqual({
      ok: true,
      persons: [{ index: 0, errors: {}, fields: { person_record_id: 'x.org/1', full_name: 'A & B é', sex: 'female', description: '<scar> & mole' } }],
    });
    // A default namespace works as well as a prefix.
    const unprefixed = readPfifDocument(`<pfif xmlns="${PFIF_NAMESPACE}"><person><full_name>Bilal</full_name></person></pfif>`);
    expect(unprefixed.ok && unprefixed.persons[0]!.fields).toEqual({ full_name: 'Bilal' });
  });

  it('reports elements outside the PFIF namespace, unknown fields, repeated fields and nested markup per record', () => {
    const read = readPfifDocument(
      pfif(
        valid() +
          person(
            '<pfif:full_name>One</pfif:full_name><pfif:full_name>Two</pfif:full_name><other:age xmlns:other="urn:other">3</other:age>' +
              '<pfif:religion>x</pfif:religion><pfif:sex><b>male</b></pfif:sex><undeclared:x>1</undeclared:x><pfif:note><pfif:status>lost</pfif:status></pfif:note>',
          ),
      ),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.persons[0]!.errors).toEqual({});
    expect(read.persons[1]!.errors).toEqual({
      full_name: ['Give this field once.'],
      age: ['This element is not in the PFIF 1.4 namespace.'],
      religion: ['Not a PFIF 1.4 field.'],
      sex: ['This field must hold text only.'],
      x: ['This element is not in the PFIF 1.4 namespace.'],
      'note.status': ['Use one of information_sought, is_note_author, believed_alive, believed_missing, believed_dead'],
    });
  });

  it('refuses a document type declaration, unknown entities, malformed XML, a wrong root and too many records', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${pfif(valid('a.org/1', '&lol2;'))}`;
    expect(failure(laughs)).toBe('The file must not contain a document type declaration (DOCTYPE).');
    const xxe = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${pfif(valid('a.org/1', '&xxe;'))}`;
    expect(failure(xxe)).toBe('The file must not contain a document type declaration (DOCTYPE).');
    expect(failure(pfif(valid('a.org/1', '&nbsp;')))).toBe('The file contains an entity reference XML does not define.');
    expect(failure(pfif('<pfif:person><pfif:full_name>x</pfif:person>'))).toMatch(/^The file is not well-formed XML \(line \d+, column \d+\)\.$/);
    expect(failure(`<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.2">${valid()}</pfif:pfif>`)).toBe(
      `The root element must be pfif in the PFIF 1.4 namespace (${PFIF_NAMESPACE}).`,
    );
    expect(failure(pfif(valid()) + `<pfif:pfif xmlns:pfif="${PFIF_NAMESPACE}">${valid()}</pfif:pfif>`)).toMatch(/^The file is not well-formed XML/);
    expect(failure(pfif(''))).toBe('The file holds no person record.');
    expect(failure(pfif('<pfif:case>1</pfif:case>'))).toBe('The file holds an element that is not a PFIF 1.4 person or note at the top level.');
    expect(failure(pfif(valid().repeat(PFIF_IMPORT_MAX_RECORDS + 1)))).toBe(
      `The file holds more than ${PFIF_IMPORT_MAX_RECORDS} person records. Split it into smaller files.`,
    );
    expect(failure(`<?xml version="1.0" encoding="ISO-8859-1"?>${pfif(valid())}`)).toBe('Save the file as UTF-8.');
  });
});

describe('the missing person as PFIF', () => {
  const amina: MissingPersonResponse = {
    caseId: '0190d7a0-0000-7000-8000-000000000001',
    fullNameNative: 'آمنہ بی بی',
    fullNameLatin: 'Amina "Ammi" <Bibi> & Co',
    aliases: ['Ammi Jaan'],
    guardianName: 'Ghulam Rasool',
    guardianRelation: 'HUSBAND',
    sex: 'FEMALE',
    dateOfBirth: { from: '1984-06', to: null },
    nationalIdCountry: 'PK',
    nationalId: '42101-9876543-2',
    phones: ['+92 300 7654321'],
    addresses: [{ kind: 'HOME', text: 'Street 4, Lyari, Karachi' }],
    occupation: 'Teacher',
    physicalDescription: 'Scar above the left eyebrow',
    version: 3,
    updatedAt: '2026-01-02T03:04:05.678Z',
  };

  it('writes escaped XML in schema order that reads back into the same person, leaving out ID number, phones and guardian', () => {
    const xml = writePfifDocument([
      {
        fields: { source_date: '2026-01-02T03:04:05Z', person_record_id: 'example.org/abc', ...toPfifPersonFields(amina) },
        notes: [{ note_record_id: 'example.org/note.abc', text: 'Case status: missing.', status: 'believed_missing', author_name: 'example.org', source_date: '2026-01-02T03:04:05Z' }],
      },
    ]);
    expect(xml).toContain('Amina &quot;Ammi&quot; &lt;Bibi&gt; &amp; Co');
    expect(xml).not.toMatch(/42101|7654321|Ghulam|Teacher/);
    expect(xml.indexOf('<pfif:person_record_id>')).toBeLessThan(xml.indexOf('<pfif:source_date>'));
    expect(xml.indexOf('<pfif:source_date>')).toBeLessThan(xml.indexOf('<pfif:full_name>'));

    const read = readPfifDocument(xml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.persons[0]!.errors).toEqual({});
    const imported = fromPfifPerson(read.persons[0]!.fields);
    expect(imported).toEqual({
      ok: true,
      personRecordId: 'example.org/abc',
      request: expect.objectContaining({
        fullNameLatin: amina.fullNameLatin,
        fullNameNative: amina.fullNameNative,
        aliases: ['Ammi Jaan'],
        sex: 'FEMALE',
        dateOfBirth: { from: '1984-06', to: null },
        addresses: [{ kind: 'HOME', text: 'Street 4, Lyari, Karachi' }],
        physicalDescription: 'Scar above the left eyebrow',
        nationalId: null,
      }),
    });
  });

  it('names each invalid field by its PFIF name', () => {
    expect(fromPfifPerson({ person_record_id: 'no-domain', full_name: 'x', sex: 'f', date_of_birth: '1990-13' })).toEqual({
      ok: false,
      errors: {
        person_record_id: ['Enter the record id as domain/unique-id'],
        source_date: ['Give the source date (YYYY-MM-DDThh:mm:ssZ)'],
        sex: ['Use female, male or other'],
        date_of_birth: ['This date does not exist'],
      },
    });
    expect(fromPfifPerson({ person_record_id: 'a.org/1', source_date: '2026-01-01T00:00:00Z', full_name: '   ' })).toEqual({
      ok: false,
      errors: { full_name: ['Enter the name in at least one script'] },
    });
  });
});
