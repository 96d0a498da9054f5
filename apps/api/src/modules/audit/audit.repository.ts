import { sign } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Bytes, KeyRing } from '@lapata/crypto';
import { type DatabaseTransaction, Prisma, uuidv7 } from '@lapata/db';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { type AuditEntry, auditEventHash, checkpointMessage, GENESIS_HASH } from './audit-chain';

/**
 * How often an organisation's chain head gets a signed checkpoint, at most: the first append after
 * this long since the last checkpoint signs the new head.
 */
export const CHECKPOINT_INTERVAL_MS = 5 * 60_000;

const APPEND_AT_COMMIT = 'audit:append';

@Injectable()
export class AuditRepository {
  private readonly queued = new WeakMap<DatabaseTransaction, AuditEntry[]>();

  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  /**
   * Queues the event in the caller's transaction; the transaction appends everything it queued in
   * one go just before it commits, so the event and what it records commit or roll back together.
   */
  append(entry: AuditEntry): void {
    const tx = this.db.tx;
    const entries = this.queued.get(tx) ?? [];
    entries.push(entry);
    this.queued.set(tx, entries);
    this.db.beforeCommit(APPEND_AT_COMMIT, async (open) => {
      const pending = this.queued.get(open) ?? [];
      this.queued.delete(open);
      await appendAuditEvents(open, this.config.keys, pending);
    });
  }
}

interface ChainHead {
  seq: bigint;
  hash: Uint8Array;
  checkpointSignedAt: Date | null;
}

/**
 * Appends the events, in order, to their organisations' hash chains inside `tx`: per organisation,
 * one statement locks and reads the chain head (`audit_chain_heads`, held until commit, so two
 * transactions never chain onto the same head) and one writes the events, the checkpoint when one
 * is due, and the new head. Exported for the operator commands (a purge writes its tombstone in
 * its own transaction, outside any request).
 */
export async function appendAuditEvents(tx: DatabaseTransaction, keys: KeyRing, entries: readonly AuditEntry[]): Promise<void> {
  const byOrganization = new Map<string, AuditEntry[]>();
  for (const entry of entries) byOrganization.set(entry.organizationId, [...(byOrganization.get(entry.organizationId) ?? []), entry]);
  for (const [organizationId, events] of byOrganization) {
    const head = await lockChainHead(tx, organizationId);
    const occurredAt = new Date();
    let seq = head.seq;
    let prevHash: Uint8Array = head.hash;
    const rows = events.map((entry) => {
      seq += 1n;
      const chained = { ...entry, seq, occurredAt, prevHash };
      const hash = auditEventHash(chained);
      prevHash = hash;
      return { ...chained, id: uuidv7(), hash };
    });
    const last = rows[rows.length - 1]!;
    const checkpointDue =
      head.checkpointSignedAt === null || occurredAt.getTime() - head.checkpointSignedAt.getTime() >= CHECKPOINT_INTERVAL_MS;
    const checkpoint = checkpointDue
      ? Prisma.sql`, checkpoint as (
          insert into audit_checkpoints (id, organization_id, seq, hash, signature, key_id, signed_at)
          values (${uuidv7()}::uuid, ${organizationId}::uuid, ${last.seq}, ${last.hash}, ${
            sign(null, checkpointMessage(organizationId, last.seq, last.hash), keys.auditSigningKey) as Bytes
          }, ${keys.auditKeyId}, ${occurredAt}))`
      : Prisma.empty;
    const values = rows.map(
      (row) => Prisma.sql`(${row.id}::uuid, ${organizationId}::uuid, ${row.seq}, ${row.actorId}::uuid, ${row.caseId}::uuid,
        ${row.entity}, ${row.entityId}::uuid, ${row.action}, ${row.fields}::text[], ${row.breakGlass}, ${row.requestId},
        ${row.occurredAt}, ${Buffer.from(row.prevHash)}, ${row.hash})`,
    );
    await tx.$executeRaw`
      with events as (
        insert into audit_events (id, organization_id, seq, actor_id, case_id, entity, entity_id, action, fields,
                                  break_glass, request_id, occurred_at, prev_hash, hash)
        values ${Prisma.join(values)}
      )${checkpoint}
      update audit_chain_heads
      set seq = ${last.seq}, hash = ${last.hash}, checkpoint_signed_at = ${checkpointDue ? occurredAt : head.checkpointSignedAt}
      where organization_id = ${organizationId}::uuid`;
  }
}

async function lockChainHead(tx: DatabaseTransaction, organizationId: string): Promise<ChainHead> {
  const select = () => tx.$queryRaw<ChainHead[]>`
    select seq, hash, checkpoint_signed_at as "checkpointSignedAt"
    from audit_chain_heads where organization_id = ${organizationId}::uuid
    for update`;
  const [head] = await select();
  if (head) return head;
  // The organisation's first event. Two first appends may race: one inserts, the other waits on
  // the conflict and then reads (and locks) the winner's row.
  await tx.$executeRaw`
    insert into audit_chain_heads (organization_id, seq, hash) values (${organizationId}::uuid, 0, ${GENESIS_HASH})
    on conflict (organization_id) do nothing`;
  const [created] = await select();
  if (!created) throw new Error('The audit chain head could not be created');
  return created;
}
