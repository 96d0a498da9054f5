import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';

export interface DeletedCaseRow {
  id: string;
  organizationId: string;
  reference: string;
  deletedAt: Date;
  purgeAfter: Date;
  deletionReasonEnc: Uint8Array | null;
  deletedBy: { id: string; displayNameEnc: Uint8Array } | null;
}

@Injectable()
export class ErasureRepository {
  constructor(private readonly db: DatabaseContext) {}

  /** Marks a live case deleted; false when it already was (two administrators at once). */
  async softDelete(input: { caseId: string; deletedById: string; reasonEnc: Uint8Array<ArrayBuffer>; deletedAt: Date; purgeAfter: Date }): Promise<boolean> {
    const updated = await this.db.tx.case.updateMany({
      where: { id: input.caseId, deletedAt: null },
      data: {
        deletedAt: input.deletedAt,
        deletedById: input.deletedById,
        deletionReasonEnc: input.reasonEnc,
        purgeAfter: input.purgeAfter,
      },
    });
    return updated.count === 1;
  }

  /** Brings a deleted case back while its purge has not run; false when it was not deleted. */
  async restore(caseId: string): Promise<boolean> {
    const updated = await this.db.tx.case.updateMany({
      where: { id: caseId, deletedAt: { not: null } },
      data: { deletedAt: null, deletedById: null, deletionReasonEnc: null, purgeAfter: null },
    });
    return updated.count === 1;
  }

  async findDeletedAt(caseId: string): Promise<Date | null> {
    const row = await this.db.tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { deletedAt: true } });
    return row.deletedAt;
  }

  /** The organisation's deleted cases awaiting purge, soonest purge first. */
  async findDeleted(organizationId: string): Promise<DeletedCaseRow[]> {
    const rows = await this.db.tx.case.findMany({
      where: { organizationId, deletedAt: { not: null } },
      orderBy: [{ purgeAfter: 'asc' }, { id: 'asc' }],
      take: 500,
      select: { id: true, organizationId: true, reference: true, deletedAt: true, purgeAfter: true, deletionReasonEnc: true, deletedById: true },
    });
    const userIds = [...new Set(rows.map((row) => row.deletedById).filter((id): id is string => id !== null))];
    const users = await this.db.tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayNameEnc: true } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organizationId,
      reference: row.reference,
      deletedAt: row.deletedAt!,
      purgeAfter: row.purgeAfter!,
      deletionReasonEnc: row.deletionReasonEnc,
      deletedBy: row.deletedById ? (byId.get(row.deletedById) ?? null) : null,
    }));
  }
}
