import { Injectable } from '@nestjs/common';
import type { Bytes } from '@lapata/crypto';
import { DatabaseContext } from '../../database/database-context';
import { type AuditEntry, auditEventHash, GENESIS_HASH } from './audit-chain';

@Injectable()
export class AuditRepository {
  constructor(private readonly db: DatabaseContext) {}

  /**
   * Appends to the organisation's hash chain inside the caller's transaction. The advisory lock
   * serialises appends per organisation until commit, so two requests never chain onto the same
   * head.
   */
  async append(entry: AuditEntry): Promise<void> {
    const tx = this.db.tx;
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
    await tx.auditEvent.create({
      data: {
        ...chained,
        prevHash: Buffer.from(chained.prevHash) as Bytes,
        hash: auditEventHash(chained) as Bytes,
      },
    });
  }
}
