import { sign } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Bytes, KeyRing } from '@lapata/crypto';
import type { DatabaseTransaction } from '@lapata/db';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { type AuditEntry, auditEventHash, checkpointMessage, GENESIS_HASH } from './audit-chain';

/**
 * How often an organisation's chain head gets a signed checkpoint, at most: the first append after
 * this long since the last checkpoint signs the new head.
 */
export const CHECKPOINT_INTERVAL_MS = 5 * 60_000;

@Injectable()
export class AuditRepository {
  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  /** Appends to the organisation's hash chain inside the caller's transaction. */
  async append(entry: AuditEntry): Promise<void> {
    await appendAuditEvent(this.db.tx, this.config.keys, entry);
  }
}

/**
 * Appends to the organisation's hash chain inside `tx`. The advisory lock serialises appends per
 * organisation until commit, so two requests never chain onto the same head. Exported for the
 * operator commands (a purge writes its tombstone in its own transaction, outside any request).
 */
export async function appendAuditEvent(tx: DatabaseTransaction, keys: KeyRing, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`audit:${entry.organizationId}`}, 0))`;
  const head = await tx.auditEvent.findFirst({
    where: { organizationId: entry.organizationId },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  });
  const chained = {
    ...entry,
    seq: (head?.seq ?? 0n) + 1n,
    occurredAt: new Date(),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = auditEventHash(chained) as Bytes;
  await tx.auditEvent.create({
    data: { ...chained, prevHash: Buffer.from(chained.prevHash) as Bytes, hash },
  });
  await signHeadIfDue(tx, keys, entry.organizationId, chained.seq, hash);
}

/**
 * Signs the new head with the audit key (Ed25519, held outside the database) when the last
 * checkpoint is older than CHECKPOINT_INTERVAL_MS. Someone who can rewrite the database can
 * rebuild a consistent chain, but not these signatures.
 */
async function signHeadIfDue(tx: DatabaseTransaction, keys: KeyRing, organizationId: string, seq: bigint, hash: Bytes): Promise<void> {
  const last = await tx.auditCheckpoint.findFirst({
    where: { organizationId },
    orderBy: { seq: 'desc' },
    select: { signedAt: true },
  });
  if (last && Date.now() - last.signedAt.getTime() < CHECKPOINT_INTERVAL_MS) return;
  await tx.auditCheckpoint.create({
    data: {
      organizationId,
      seq,
      hash,
      signature: sign(null, checkpointMessage(organizationId, seq, hash), keys.auditSigningKey) as Bytes,
      keyId: keys.auditKeyId,
    },
  });
}
