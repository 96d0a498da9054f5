import {
  addKekVersion,
  generateDataKey,
  readEnvelopeHeader,
  readKeyFile,
  reencryptField,
  retireKekVersion,
  rewrapKey,
  unwrapKey,
  writeKeyFile,
  decryptString,
  decryptJson,
  KeyRing,
  type FieldContext,
  type KeyRing as KeyRingType,
  type VersionedKey,
} from '@lapata/crypto';
import { withDatabaseSession, type DatabaseTransaction, type PrismaClient } from '@lapata/db';
import { personFieldContext, type PersonColumn } from '../people/person-fields';
import { personNameTokens, personNationalIdIndex } from '../people/person-indexes';
import { normaliseCaseNumber, proceedingFieldContext } from '../proceedings/proceeding-fields';

/*
 * The key machinery shared by `npm run keys:rotate` and `npm run cases:purge` (packages/crypto
 * README "Rotation" and "Crypto-shredding"). Everything here runs outside any HTTP request, on the
 * operator's (owner) connection, in short transactions, one organisation at a time, so the API
 * keeps answering: every value carries its key version and readers hold old and new versions
 * while values move.
 */

/** A value encrypted with the installation's account key (derived from the KEK version). */
interface AccountColumn {
  table: string;
  column: string;
  /** Whether the row belongs to an organisation (its id is part of the value's context). */
  organisationScoped: boolean;
}

/** Every column encrypted with the account key: each must move when a KEK version is retired. */
export const ACCOUNT_COLUMNS: readonly AccountColumn[] = [
  { table: 'users', column: 'email_enc', organisationScoped: false },
  { table: 'users', column: 'display_name_enc', organisationScoped: false },
  { table: 'users', column: 'totp_secret_enc', organisationScoped: false },
  { table: 'users', column: 'totp_pending_secret_enc', organisationScoped: false },
  { table: 'webauthn_credentials', column: 'name_enc', organisationScoped: false },
  { table: 'invitations', column: 'email_enc', organisationScoped: true },
];

/** Every column encrypted with an organisation key: each moves when the organisation key is replaced. */
export const ORGANISATION_COLUMNS: readonly { table: string; column: string }[] = [{ table: 'case_grants', column: 'reason_enc' }];

const BATCH = 200;

export interface KeyFileHandle {
  path: string;
}

export function loadRing(handle: KeyFileHandle): KeyRingType {
  return KeyRing.fromKeyFile(readKeyFile(handle.path).file, handle.path);
}

/** Step 1 of a rotation or a purge: a new KEK version, made current, written to the key file. */
export function stageNewKekVersion(handle: KeyFileHandle): { ring: KeyRingType; previous: number[] } {
  const { file } = readKeyFile(handle.path);
  const previous = Object.keys(file.kek).map(Number);
  writeKeyFile(handle.path, addKekVersion(file), { replace: true });
  return { ring: loadRing(handle), previous };
}

async function organisationIds(prisma: PrismaClient): Promise<string[]> {
  // Unscoped on purpose: the operator's connection walks every organisation, one session each.
  const rows = await prisma.$queryRaw<{ id: string }[]>`select id::text as id from organizations order by id`;
  return rows.map((row) => row.id);
}

const organisationKeyName = (organizationId: string, version: number) =>
  ({ kind: 'organisation-key', organizationId, version }) as const;

/** Re-wraps every organisation key that is not under the current KEK version; one short transaction per organisation. */
export async function rewrapOrganisationKeys(prisma: PrismaClient, ring: KeyRingType): Promise<number> {
  let moved = 0;
  for (const organizationId of await organisationIds(prisma)) {
    moved += await withDatabaseSession(prisma, { organizationId }, async (tx) => {
      const rows = await tx.organizationKey.findMany({
        where: { organizationId, kekVersion: { not: ring.currentKekVersion } },
        select: { id: true, version: true, wrappedKey: true },
      });
      for (const row of rows) {
        const wrappedKey = new Uint8Array(ring.rewrap(row.wrappedKey, organisationKeyName(organizationId, row.version)));
        await tx.organizationKey.updateMany({
          where: { id: row.id, wrappedKey: row.wrappedKey },
          data: { wrappedKey, kekVersion: ring.currentKekVersion },
        });
      }
      return rows.length;
    });
  }
  return moved;
}

interface EncryptedCell {
  id: string;
  organization_id: string | null;
  value: Uint8Array;
}

const currentVersionBytes = (version: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(version);
  return bytes;
};

/**
 * Re-encrypts every account-key value not yet under the current KEK version, in batches, each
 * row updated only if it still holds the value read (a concurrent edit is never overwritten).
 */
export async function reencryptAccountColumns(prisma: PrismaClient, ring: KeyRingType): Promise<number> {
  const current = ring.currentKekVersion;
  const to = ring.accountKey();
  let moved = 0;
  const organisations = await organisationIds(prisma);
  for (const spec of ACCOUNT_COLUMNS) {
    const sessions = spec.organisationScoped ? organisations : [null];
    for (const organizationId of sessions) {
      for (;;) {
        const count = await withDatabaseSession(prisma, { organizationId }, async (tx) => {
          const cells = await tx.$queryRawUnsafe<EncryptedCell[]>(
            `select id::text as id, ${spec.organisationScoped ? 'organization_id::text' : 'null'} as organization_id, ${spec.column} as value
               from ${spec.table}
              where ${spec.column} is not null and substring(${spec.column} from 2 for 4) <> $1
              ${spec.organisationScoped ? 'and organization_id = $2::uuid' : ''}
              limit ${BATCH}`,
            currentVersionBytes(current),
            ...(spec.organisationScoped ? [organizationId] : []),
          );
          for (const cell of cells) {
            const context: FieldContext = {
              organizationId: cell.organization_id,
              table: spec.table,
              column: spec.column,
              rowId: cell.id,
            };
            const value = reencryptField(cell.value, ring.accountKeys, to, context);
            await tx.$executeRawUnsafe(
              `update ${spec.table} set ${spec.column} = $1 where id = $2::uuid and ${spec.column} = $3`,
              value,
              cell.id,
              Buffer.from(cell.value),
            );
          }
          return cells.length;
        });
        moved += count;
        if (count < BATCH) break;
      }
    }
  }
  return moved;
}

/** How many values still depend on a KEK version: organisation keys wrapped by it, account values under it. */
export async function rowsUnderKekVersion(prisma: PrismaClient, version: number): Promise<number> {
  let total = 0;
  const [keys] = await prisma.$queryRaw<{ n: bigint }[]>`select count(*) as n from organization_keys where kek_version = ${version}`;
  total += Number(keys?.n ?? 0);
  for (const spec of ACCOUNT_COLUMNS) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `select count(*) as n from ${spec.table} where ${spec.column} is not null and substring(${spec.column} from 2 for 4) = $1`,
      currentVersionBytes(version),
    );
    total += Number(row?.n ?? 0);
  }
  return total;
}

/**
 * Removes from the key file every non-current KEK version that nothing in the database needs any
 * more. Also what a rerun does first after a crash between the database work and this step.
 */
export async function retireUnusedKekVersions(prisma: PrismaClient, handle: KeyFileHandle): Promise<number[]> {
  let { file } = readKeyFile(handle.path);
  const retired: number[] = [];
  for (const version of Object.keys(file.kek).map(Number)) {
    if (version === file.current) continue;
    if ((await rowsUnderKekVersion(prisma, version)) > 0) continue;
    file = retireKekVersion(file, version);
    retired.push(version);
  }
  if (retired.length > 0) writeKeyFile(handle.path, file, { replace: true });
  return retired;
}

/**
 * Gives the organisation a new key version wrapped under the current KEK, inside the caller's
 * transaction (the organisation's session): re-wraps every case key of the organisation under it,
 * re-encrypts the organisation-level fields, recomputes the organisation's blind indexes, then
 * deletes the previous organisation key versions. After this nothing in the database can unwrap a
 * case key copied from an older backup of this organisation.
 */
export async function replaceOrganisationKey(tx: DatabaseTransaction, ring: KeyRingType, organizationId: string): Promise<number> {
  // Serialise with other replacements of this organisation's key (a purge and a rotation at once).
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`organisation-key:${organizationId}`}, 0))`;
  const oldRows = await tx.organizationKey.findMany({
    where: { organizationId },
    select: { id: true, version: true, wrappedKey: true },
    orderBy: { version: 'asc' },
  });
  const oldKeys: VersionedKey[] = oldRows.map((row) => ({
    version: row.version,
    key: ring.unwrap(row.wrappedKey, organisationKeyName(organizationId, row.version)),
  }));
  const version = Math.max(0, ...oldRows.map((row) => row.version)) + 1;
  const newKey: VersionedKey = { version, key: generateDataKey() };
  await tx.organizationKey.create({
    data: {
      organizationId,
      version,
      wrappedKey: new Uint8Array(ring.wrap(newKey.key, organisationKeyName(organizationId, version))),
      kekVersion: ring.currentKekVersion,
    },
  });

  // Case keys: re-wrapped, and unwrapped once here for the blind indexes below.
  const caseKeyRows = await tx.caseKey.findMany({
    where: { organizationId },
    select: { id: true, caseId: true, version: true, wrappedKey: true },
  });
  const caseKeys = new Map<string, VersionedKey[]>();
  for (const row of caseKeyRows) {
    const name = { kind: 'case-key', organizationId, caseId: row.caseId, version: row.version } as const;
    caseKeys.set(row.caseId, [...(caseKeys.get(row.caseId) ?? []), { version: row.version, key: unwrapKey(row.wrappedKey, oldKeys, name) }]);
    await tx.caseKey.update({
      where: { id: row.id },
      data: { wrappedKey: new Uint8Array(rewrapKey(row.wrappedKey, oldKeys, newKey, name)), orgKeyVersion: version },
    });
  }

  for (const spec of ORGANISATION_COLUMNS) {
    const cells = await tx.$queryRawUnsafe<EncryptedCell[]>(
      `select id::text as id, organization_id::text as organization_id, ${spec.column} as value from ${spec.table}
        where organization_id = $1::uuid and ${spec.column} is not null`,
      organizationId,
    );
    for (const cell of cells) {
      const context: FieldContext = { organizationId, table: spec.table, column: spec.column, rowId: cell.id };
      await tx.$executeRawUnsafe(
        `update ${spec.table} set ${spec.column} = $1 where id = $2::uuid`,
        reencryptField(cell.value, oldKeys, newKey, context),
        cell.id,
      );
    }
  }

  await reindexPeople(tx, ring, organizationId, newKey, caseKeys);
  await reindexProceedings(tx, ring, organizationId, newKey, caseKeys);
  await tx.organizationKey.deleteMany({ where: { organizationId, version: { lt: version } } });
  return version;
}

/** Recomputes the missing persons' national-id index and name tokens under the new organisation key (as PersonService writes them). */
async function reindexPeople(
  tx: DatabaseTransaction,
  ring: KeyRingType,
  organizationId: string,
  organisationKey: VersionedKey,
  caseKeys: ReadonlyMap<string, VersionedKey[]>,
): Promise<void> {
  const index = ring.blindIndex.forOrganisation(organizationId, organisationKey.key);
  const people = await tx.missingPerson.findMany({
    where: { organizationId },
    select: {
      id: true,
      caseId: true,
      nationalIdCountry: true,
      nationalIdEnc: true,
      fullNameNativeEnc: true,
      fullNameLatinEnc: true,
      aliasesEnc: true,
      guardianNameEnc: true,
    },
  });
  for (const person of people) {
    const keys = caseKeys.get(person.caseId) ?? [];
    const context = (column: PersonColumn) => personFieldContext(organizationId, person.id, column);
    const text = (value: Uint8Array | null, column: PersonColumn) => (value ? decryptString(value, keys, context(column)) : null);
    const nationalIdBidx = personNationalIdIndex(index, text(person.nationalIdEnc, 'national_id_enc'), person.nationalIdCountry);
    await tx.missingPerson.update({ where: { id: person.id }, data: { nationalIdBidx } });
    const tokens = personNameTokens(index, {
      fullNameNative: text(person.fullNameNativeEnc, 'full_name_native_enc'),
      fullNameLatin: text(person.fullNameLatinEnc, 'full_name_latin_enc'),
      aliases: person.aliasesEnc ? (decryptJson(person.aliasesEnc, keys, context('aliases_enc')) as string[]) : null,
      guardianName: text(person.guardianNameEnc, 'guardian_name_enc'),
    });
    await tx.personNameToken.deleteMany({ where: { missingPersonId: person.id } });
    if (tokens.length > 0) {
      await tx.personNameToken.createMany({
        data: tokens.map((token) => ({ organizationId, missingPersonId: person.id, ...token })),
      });
    }
  }
}

/** Recomputes the proceedings' court case-number index under the new organisation key (as ProceedingService writes it). */
async function reindexProceedings(
  tx: DatabaseTransaction,
  ring: KeyRingType,
  organizationId: string,
  organisationKey: VersionedKey,
  caseKeys: ReadonlyMap<string, VersionedKey[]>,
): Promise<void> {
  const index = ring.blindIndex.forOrganisation(organizationId, organisationKey.key);
  const proceedings = await tx.proceeding.findMany({
    where: { organizationId, caseNumberEnc: { not: null } },
    select: { id: true, caseId: true, caseNumberEnc: true },
  });
  for (const proceeding of proceedings) {
    const caseNumber = decryptString(
      proceeding.caseNumberEnc!,
      caseKeys.get(proceeding.caseId) ?? [],
      proceedingFieldContext(organizationId, proceeding.id, 'case_number_enc'),
    );
    const normalised = normaliseCaseNumber(caseNumber);
    await tx.proceeding.update({
      where: { id: proceeding.id },
      data: { caseNumberBidx: normalised === null ? null : new Uint8Array(index.value('case-number', normalised)) },
    });
  }
}

/** True when `value` is under the given key version (for checks and tests). */
export function isUnderVersion(value: Uint8Array, version: number): boolean {
  return readEnvelopeHeader(value).keyVersion === version;
}

export interface RotationOptions {
  keyFile: KeyFileHandle;
  /**
   * Time to let every API instance re-read the key file (they poll it) before anything is wrapped
   * under the new version; 0 in tests, where the caller reloads the API itself.
   */
  graceMs: number;
  /** Also give every organisation a new organisation key (re-wrapping case keys, re-indexing). */
  organisationKeys?: boolean;
  /** Runs once the new KEK version is in the key file (tests reload the API's keys here instead of waiting). */
  afterStage?: () => void | Promise<void>;
  log?: (line: string) => void;
}

export interface RotationResult {
  kekVersion: number;
  organisationKeysRewrapped: number;
  organisationKeysReplaced: number;
  accountValuesReencrypted: number;
  retiredKekVersions: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run keys:rotate`: a new KEK version; every organisation key re-wrapped under it (or, with
 * `organisationKeys`, replaced by a new organisation key under it); every account value
 * re-encrypted; then the old KEK versions leave the key file.
 */
export async function rotateKeys(prisma: PrismaClient, options: RotationOptions): Promise<RotationResult> {
  const log = options.log ?? (() => {});
  await retireUnusedKekVersions(prisma, options.keyFile);
  const { ring: staged } = stageNewKekVersion(options.keyFile);
  log(`Key file: KEK version ${staged.currentKekVersion} added and made current.`);
  if (options.graceMs > 0) await sleep(options.graceMs);
  await options.afterStage?.();
  const ring = loadRing(options.keyFile);
  let replaced = 0;
  if (options.organisationKeys) {
    for (const organizationId of await organisationIds(prisma)) {
      await withDatabaseSession(prisma, { organizationId }, (tx) => replaceOrganisationKey(tx, ring, organizationId), { timeout: 120_000 });
      replaced += 1;
    }
  }
  const rewrapped = await rewrapOrganisationKeys(prisma, ring);
  const accountValues = await reencryptAccountColumns(prisma, ring);
  const retired = await retireUnusedKekVersions(prisma, options.keyFile);
  log(`Retired KEK version(s): ${retired.join(', ') || 'none'}.`);
  return {
    kekVersion: ring.currentKekVersion,
    organisationKeysRewrapped: rewrapped,
    organisationKeysReplaced: replaced,
    accountValuesReencrypted: accountValues,
    retiredKekVersions: retired,
  };
}
