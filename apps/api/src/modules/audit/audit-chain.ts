import { createHash } from 'node:crypto';

export const GENESIS_HASH = Buffer.alloc(32);

/** What an audit event says. Names of fields touched, never their values. */
export interface AuditEntry {
  organizationId: string;
  actorId: string | null;
  caseId: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  fields: string[];
  breakGlass: boolean;
  requestId: string | null;
}

export interface ChainedAuditEntry extends AuditEntry {
  seq: bigint;
  occurredAt: Date;
  prevHash: Uint8Array;
}

/** SHA-256 over the previous hash and an unambiguous encoding (a JSON array) of the row. */
export function auditEventHash(event: ChainedAuditEntry): Buffer {
  const canonical = JSON.stringify([
    event.organizationId,
    event.seq.toString(),
    event.actorId,
    event.caseId,
    event.entity,
    event.entityId,
    event.action,
    event.fields,
    event.breakGlass,
    event.requestId,
    event.occurredAt.toISOString(),
  ]);
  return createHash('sha256').update(event.prevHash).update(canonical, 'utf8').digest();
}

/** What a checkpoint signs: the organisation's chain head at `seq`. */
export function checkpointMessage(organizationId: string, seq: bigint, hash: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`lapata-audit-checkpoint\u0000${organizationId}\u0000${seq}\u0000`, 'utf8'), hash]);
}
