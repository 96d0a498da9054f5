import { randomUUID, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from './errors';
import { decryptString, encryptString } from './field-cipher';
import type { FieldContext } from './field-context';
import { addKekVersion, generateKeyFile, retireKekVersion } from './key-file';
import { KeyRing } from './key-ring';
import { rewrapKey, unwrapKey, wrapKey, type WrappedKeyName } from './key-wrap';
import { generateDataKey } from './keys';

/*
 * The purge procedure of README "Crypto-shredding", run on the rows a database would hold (plain
 * objects standing for rows: only the keys and ciphertexts matter here). A copy of the rows taken
 * before the purge plays the part of an old pg_dump.
 */

interface OrganisationKeyRow {
  organizationId: string;
  version: number;
  wrappedKey: Buffer;
  kekVersion: number;
}
interface CaseKeyRow {
  organizationId: string;
  caseId: string;
  version: number;
  wrappedKey: Buffer;
  orgKeyVersion: number;
}
interface PersonRow {
  id: string;
  organizationId: string;
  caseId: string;
  fullNameEnc: Buffer;
  nationalIdBidx: Buffer;
}
interface Rows {
  organisationKeys: OrganisationKeyRow[];
  caseKeys: CaseKeyRow[];
  persons: PersonRow[];
}

const organisationKeyName = (row: { organizationId: string; version: number }): WrappedKeyName => ({
  kind: 'organisation-key',
  organizationId: row.organizationId,
  version: row.version,
});
const caseKeyName = (row: { organizationId: string; caseId: string; version: number }): WrappedKeyName => ({
  kind: 'case-key',
  organizationId: row.organizationId,
  caseId: row.caseId,
  version: row.version,
});
const nameContext = (person: { id: string; organizationId: string }): FieldContext => ({
  organizationId: person.organizationId,
  table: 'missing_persons',
  column: 'full_name_native_enc',
  rowId: person.id,
});

function copy(rows: Rows): Rows {
  return structuredClone(rows);
}

/** What the API does to read a person's name: KEK → organisation key → case key → field. */
function readName(ring: KeyRing, rows: Rows, personId: string): string {
  const person = rows.persons.find((row) => row.id === personId) as PersonRow;
  const caseKeyRow = rows.caseKeys.find((row) => row.caseId === person.caseId) as CaseKeyRow;
  const organisationKeyRow = rows.organisationKeys.find(
    (row) => row.organizationId === person.organizationId && row.version === caseKeyRow.orgKeyVersion,
  ) as OrganisationKeyRow;
  const organisationKey = ring.unwrap(organisationKeyRow.wrappedKey, organisationKeyName(organisationKeyRow));
  const caseKey = unwrapKey(
    caseKeyRow.wrappedKey,
    { version: organisationKeyRow.version, key: organisationKey },
    caseKeyName(caseKeyRow),
  );
  return decryptString(
    person.fullNameEnc,
    { version: caseKeyRow.version, key: caseKey },
    nameContext(person),
  );
}

function createOrganisation(ring: KeyRing, rows: Rows): { organizationId: string; key: KeyObject } {
  const organizationId = randomUUID();
  const key = generateDataKey();
  const row = { organizationId, version: 1, kekVersion: ring.currentKekVersion };
  rows.organisationKeys.push({ ...row, wrappedKey: ring.wrap(key, organisationKeyName(row)) });
  return { organizationId, key };
}

function createCase(
  ring: KeyRing,
  rows: Rows,
  organisation: { organizationId: string; key: KeyObject },
  name: string,
  cnic: string,
): string {
  const caseId = randomUUID();
  const caseKey = generateDataKey();
  const keyRow = { organizationId: organisation.organizationId, caseId, version: 1, orgKeyVersion: 1 };
  rows.caseKeys.push({
    ...keyRow,
    wrappedKey: wrapKey({ version: 1, key: organisation.key }, caseKey, caseKeyName(keyRow)),
  });
  const person = { id: randomUUID(), organizationId: organisation.organizationId, caseId };
  rows.persons.push({
    ...person,
    fullNameEnc: encryptString(name, { version: 1, key: caseKey }, nameContext(person)),
    nationalIdBidx: ring.blindIndex
      .forOrganisation(organisation.organizationId, organisation.key)
      .nationalId(cnic, 'PK') as Buffer,
  });
  return person.id;
}

describe('crypto-shredding on purge', () => {
  it('leaves a purged case unreadable in a dump taken before the purge, even with current keys and a current dump', () => {
    const keyFileBefore = generateKeyFile();
    const ringBefore = KeyRing.fromKeyFile(keyFileBefore);
    const rows: Rows = { organisationKeys: [], caseKeys: [], persons: [] };
    const ngo = createOrganisation(ringBefore, rows);
    const chamber = createOrganisation(ringBefore, rows);
    const purged = createCase(ringBefore, rows, ngo, 'علی رضا', '42101-1234567-1');
    const kept = createCase(ringBefore, rows, ngo, 'زاہد بلوچ', '42101-7654321-2');
    const otherOrganisation = createCase(ringBefore, rows, chamber, 'Amina Bibi', '35202-1111111-2');
    const oldDump = copy(rows);
    const purgedCaseId = (rows.persons.find((row) => row.id === purged) as PersonRow).caseId;

    // 1. A new KEK version is written to the key file and becomes current.
    const staged = addKekVersion(keyFileBefore);
    const ringDuring = KeyRing.fromKeyFile(staged);

    // 2. In one transaction: delete the case, give its organisation a new key version, re-wrap the
    //    surviving case keys and recompute the organisation's blind indexes under it, drop the old
    //    organisation key, and move every other organisation key to the new KEK version.
    rows.persons = rows.persons.filter((row) => row.caseId !== purgedCaseId);
    rows.caseKeys = rows.caseKeys.filter((row) => row.caseId !== purgedCaseId);
    const oldNgoRow = rows.organisationKeys.find(
      (row) => row.organizationId === ngo.organizationId,
    ) as OrganisationKeyRow;
    const newNgoKey = generateDataKey();
    const newNgoRow = {
      organizationId: ngo.organizationId,
      version: 2,
      kekVersion: ringDuring.currentKekVersion,
    };
    rows.organisationKeys.push({
      ...newNgoRow,
      wrappedKey: ringDuring.wrap(newNgoKey, organisationKeyName(newNgoRow)),
    });
    for (const caseKeyRow of rows.caseKeys.filter((row) => row.organizationId === ngo.organizationId)) {
      caseKeyRow.wrappedKey = rewrapKey(
        caseKeyRow.wrappedKey,
        { version: 1, key: ngo.key },
        { version: 2, key: newNgoKey },
        caseKeyName(caseKeyRow),
      );
      caseKeyRow.orgKeyVersion = 2;
    }
    // (The job decrypts each remaining person's ID number and names to recompute their indexes.)
    const keptPerson = rows.persons.find((row) => row.id === kept) as PersonRow;
    keptPerson.nationalIdBidx = ringDuring.blindIndex
      .forOrganisation(ngo.organizationId, newNgoKey)
      .nationalId('42101-7654321-2', 'PK') as Buffer;
    rows.organisationKeys = rows.organisationKeys.filter((row) => row !== oldNgoRow);
    for (const row of rows.organisationKeys.filter(
      (candidate) => candidate.kekVersion !== ringDuring.currentKekVersion,
    )) {
      row.wrappedKey = ringDuring.rewrap(row.wrappedKey, organisationKeyName(row));
      row.kekVersion = ringDuring.currentKekVersion;
    }

    // 3. The old KEK version leaves the key file (and every copy of it is destroyed).
    const ringAfter = KeyRing.fromKeyFile(retireKekVersion(staged, keyFileBefore.current));

    // The service keeps reading what was not purged.
    expect(readName(ringAfter, rows, kept)).toBe('زاہد بلوچ');
    expect(readName(ringAfter, rows, otherOrganisation)).toBe('Amina Bibi');

    // The old dump restored with the current keys: its organisation keys are under a KEK version
    // that no longer exists.
    expect(() => readName(ringAfter, oldDump, purged)).toThrow(DecryptionError);

    // Even an attacker holding the current keys and a current dump cannot open the purged case's
    // key from the old dump: it was wrapped by an organisation key version that no longer exists.
    const purgedCaseKey = oldDump.caseKeys.find((row) => row.caseId === purgedCaseId) as CaseKeyRow;
    const currentNgoKey = ringAfter.unwrap(
      (rows.organisationKeys.find((row) => row.organizationId === ngo.organizationId) as OrganisationKeyRow)
        .wrappedKey,
      organisationKeyName(newNgoRow),
    );
    expect(() =>
      unwrapKey(purgedCaseKey.wrappedKey, { version: 1, key: currentNgoKey }, caseKeyName(purgedCaseKey)),
    ).toThrow(DecryptionError);

    // Nor confirm the purged person's CNIC against the old dump's blind index.
    const oldIndexValue = (oldDump.persons.find((row) => row.id === purged) as PersonRow).nationalIdBidx;
    const guess = ringAfter.blindIndex
      .forOrganisation(ngo.organizationId, currentNgoKey)
      .nationalId('42101-1234567-1', 'PK');
    expect(guess?.equals(oldIndexValue)).toBe(false);
  });
});
