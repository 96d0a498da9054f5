import type { KeyRing } from '@lapata/crypto';
import { withDatabaseSession, type DatabaseTransaction, type PrismaClient } from '@lapata/db';
import { appendAuditEvents } from '../audit/audit.repository';
import {
  loadRing,
  reencryptAccountColumns,
  replaceOrganisationKey,
  retireUnusedKekVersions,
  rewrapOrganisationKeys,
  stageNewKekVersion,
  type KeyFileHandle,
} from './key-rotation';

export interface PurgeOptions {
  /** The key file; without one (keys from LAPATA_MASTER_KEY) rows are deleted but nothing is shredded. */
  keyFile: KeyFileHandle | null;
  /** The ring to use without a key file. */
  ring: KeyRing;
  now: Date;
  /** See RotationOptions.graceMs. */
  graceMs: number;
  /** Removes a stored file (document, photo) once the rows that pointed at it are gone. */
  removeStoredFile?: (storageKey: string) => Promise<void>;
  /** See RotationOptions.afterStage. */
  afterStage?: () => void | Promise<void>;
  log?: (line: string) => void;
}

export interface PurgeResult {
  purgedCaseIds: string[];
  shredded: boolean;
  retiredKekVersions: number[];
  storedFilesRemoved: number;
}

interface DueCase {
  id: string;
  organization_id: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run cases:purge`: removes for good every case whose restore window has passed, and
 * crypto-shreds it (packages/crypto README "Crypto-shredding"):
 *  1. a new KEK version becomes current in the key file;
 *  2. per organisation, one transaction deletes the cases' rows (cascading to every table of the
 *     case), writes a tombstone to the audit chain and gives the organisation a new key version
 *     under the new KEK (surviving case keys re-wrapped, blind indexes recomputed); then every
 *     other organisation key and account value moves to the new KEK version;
 *  3. the old KEK version leaves the key file.
 * A backup taken before the purge then needs a KEK version that no longer exists, and even the
 * current keys and database cannot unwrap the purged case's key from it. All due cases are
 * purged in one batch: one KEK rotation each time.
 */
export async function purgeDueCases(prisma: PrismaClient, options: PurgeOptions): Promise<PurgeResult> {
  const log = options.log ?? (() => {});
  // Unscoped on purpose: the operator's connection finds due cases of every organisation.
  const due = await prisma.$queryRaw<DueCase[]>`
    select id::text as id, organization_id::text as organization_id from cases
     where deleted_at is not null and purge_after <= ${options.now} order by organization_id, id`;
  const result: PurgeResult = { purgedCaseIds: [], shredded: false, retiredKekVersions: [], storedFilesRemoved: 0 };
  if (options.keyFile) result.retiredKekVersions.push(...(await retireUnusedKekVersions(prisma, options.keyFile)));
  if (due.length === 0) {
    log('No deleted case has reached the end of its restore window.');
    return result;
  }

  let ring = options.ring;
  if (options.keyFile) {
    ring = stageNewKekVersion(options.keyFile).ring;
    log(`Key file: KEK version ${ring.currentKekVersion} added and made current.`);
    if (options.graceMs > 0) await sleep(options.graceMs);
    await options.afterStage?.();
    ring = loadRing(options.keyFile);
  } else {
    log('Keys come from LAPATA_MASTER_KEY: the rows are deleted, but backups cannot be crypto-shredded (use a key file).');
  }

  const byOrganisation = new Map<string, string[]>();
  for (const row of due) byOrganisation.set(row.organization_id, [...(byOrganisation.get(row.organization_id) ?? []), row.id]);
  const storageKeys: string[] = [];
  for (const [organizationId, caseIds] of byOrganisation) {
    const purged = await withDatabaseSession(
      prisma,
      { organizationId },
      async (tx) => {
        const done: string[] = [];
        for (const caseId of caseIds) {
          if (await deleteCase(tx, ring, organizationId, caseId, options.now, storageKeys)) done.push(caseId);
        }
        if (options.keyFile && done.length > 0) await replaceOrganisationKey(tx, ring, organizationId);
        return done;
      },
      { timeout: 300_000 },
    );
    result.purgedCaseIds.push(...purged);
  }

  if (options.keyFile) {
    await rewrapOrganisationKeys(prisma, ring);
    await reencryptAccountColumns(prisma, ring);
    result.retiredKekVersions.push(...(await retireUnusedKekVersions(prisma, options.keyFile)));
    result.shredded = true;
  }

  // Files last: a file left behind is encrypted under a key that no longer exists anywhere.
  for (const storageKey of storageKeys) {
    if (!options.removeStoredFile) break;
    await options.removeStoredFile(storageKey);
    result.storedFilesRemoved += 1;
  }
  log(`Purged ${result.purgedCaseIds.length} case(s); retired KEK version(s): ${result.retiredKekVersions.join(', ') || 'none'}.`);
  return result;
}

/**
 * Deletes one case and everything that hangs off it (foreign keys cascade: person, photos,
 * disappearance, relatives, diary, proceedings, hearings, filings, grants, case keys, status
 * changes) plus rows that name the case without a foreign key (notifications), then appends a
 * tombstone. The tombstone carries no personal data: the case id (already in the trail), no
 * reference, no fields. Audit events of the case stay: they hold names of fields, never values.
 */
async function deleteCase(
  tx: DatabaseTransaction,
  ring: KeyRing,
  organizationId: string,
  caseId: string,
  now: Date,
  storageKeys: string[],
): Promise<boolean> {
  // Re-checked under a row lock: an administrator may have restored the case meanwhile.
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    select id::text as id from cases where id = ${caseId}::uuid and organization_id = ${organizationId}::uuid
       and deleted_at is not null and purge_after <= ${now} for update`;
  if (!locked) return false;
  const files = await tx.$queryRaw<{ storage_key: string }[]>`
    select p.storage_key from photos p join missing_persons m on m.id = p.missing_person_id where m.case_id = ${caseId}::uuid
    union all
    select v.storage_key from filing_versions v join filings f on f.id = v.filing_id where f.case_id = ${caseId}::uuid`;
  storageKeys.push(...files.map((file) => file.storage_key));
  await tx.notification.deleteMany({ where: { caseId } });
  await tx.case.delete({ where: { id: caseId } });
  await appendAuditEvents(tx, ring, [
    {
      organizationId,
      actorId: null,
      caseId,
      entity: 'case',
      entityId: caseId,
      action: 'purge',
      fields: [],
      breakGlass: false,
      requestId: null,
    },
  ]);
  return true;
}
