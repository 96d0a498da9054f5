import { verify, type KeyObject } from 'node:crypto';
import type { PrismaClient } from '@lapata/db';
import { auditEventHash, checkpointMessage, GENESIS_HASH } from './audit-chain';

export interface AuditBreak {
  organizationId: string;
  /** The first sequence number at which the trail no longer holds. */
  seq: bigint;
  reason: string;
}

export interface AuditVerification {
  organizations: number;
  events: number;
  checkpoints: number;
  /** The first broken link of each organisation whose trail does not hold. */
  breaks: AuditBreak[];
}

const PAGE = 5_000;

/**
 * Walks every organisation's audit chain from its first event: sequence numbers without gaps,
 * each row's `prev_hash` equal to the previous row's hash, each hash recomputed from the row, and
 * the recorded chain head equal to the last event.
 * Then checks every signed checkpoint against the audit public key and the chain. Needs a
 * connection that sees every organisation (the owner's, as migrations use).
 */
export async function verifyAuditTrail(
  prisma: PrismaClient,
  publicKeys: ReadonlyMap<string, KeyObject>,
): Promise<AuditVerification> {
  const organizations = await prisma.organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const result: AuditVerification = { organizations: organizations.length, events: 0, checkpoints: 0, breaks: [] };
  for (const { id: organizationId } of organizations) {
    const found = await verifyOrganization(prisma, organizationId, publicKeys, result);
    if (found) result.breaks.push(found);
  }
  return result;
}

async function verifyOrganization(
  prisma: PrismaClient,
  organizationId: string,
  publicKeys: ReadonlyMap<string, KeyObject>,
  totals: AuditVerification,
): Promise<AuditBreak | null> {
  const hashes = new Map<bigint, Buffer>();
  let expectedSeq = 1n;
  let prevHash: Uint8Array = GENESIS_HASH;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      where: { organizationId, seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: PAGE,
    });
    for (const row of rows) {
      totals.events += 1;
      const broken = (reason: string): AuditBreak => ({ organizationId, seq: row.seq, reason });
      if (row.seq !== expectedSeq) return { organizationId, seq: expectedSeq, reason: 'event missing' };
      if (!Buffer.from(row.prevHash).equals(Buffer.from(prevHash))) return broken('prev_hash does not match the previous event');
      const recomputed = auditEventHash({ ...row, prevHash: row.prevHash });
      if (!recomputed.equals(Buffer.from(row.hash))) return broken('the event was changed after it was written');
      hashes.set(row.seq, recomputed);
      prevHash = row.hash;
      expectedSeq += 1n;
    }
    if (rows.length < PAGE) break;
  }


  const checkpoints = await prisma.auditCheckpoint.findMany({ where: { organizationId }, orderBy: { seq: 'asc' } });
  for (const checkpoint of checkpoints) {
    totals.checkpoints += 1;
    const key = publicKeys.get(checkpoint.keyId);
    const broken = (reason: string): AuditBreak => ({ organizationId, seq: checkpoint.seq, reason });
    if (!key) return broken(`checkpoint signed with an unknown key (${checkpoint.keyId})`);
    const message = checkpointMessage(organizationId, checkpoint.seq, checkpoint.hash);
    if (!verify(null, message, key, checkpoint.signature)) return broken('checkpoint signature is not valid');
    const chained = hashes.get(checkpoint.seq);
    if (!chained) return broken('a signed event is missing from the chain');
    if (!chained.equals(Buffer.from(checkpoint.hash))) return broken('the chain differs from what was signed');
  }
  // The head every append locks must be the chain's last event: a removed tail shows here.
  const head = await prisma.auditChainHead.findUnique({ where: { organizationId } });
  const lastSeq = expectedSeq - 1n;
  if (lastSeq > 0n || head) {
    if (!head || head.seq !== lastSeq || !Buffer.from(head.hash).equals(Buffer.from(prevHash))) {
      return { organizationId, seq: lastSeq + 1n, reason: 'the chain head does not match the last event' };
    }
  }
  return null;
}
