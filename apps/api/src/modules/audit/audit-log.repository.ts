import { Injectable } from '@nestjs/common';
import type { Role } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

export interface AuditLogRow {
  id: string;
  organizationId: string;
  seq: bigint;
  occurredAt: Date;
  actorId: string | null;
  caseId: string | null;
  entity: string;
  action: string;
  fields: string[];
  breakGlass: boolean;
}

export interface AuditLogFilter {
  organizationId: string;
  caseId?: string;
  actorId?: string;
  action?: string;
  entity?: string;
  from?: Date;
  /** Exclusive. */
  before?: Date;
  /** Keyset: events older than this sequence number (the chain's order within an organisation). */
  beforeSeq?: bigint;
  limit: number;
}

export interface AuditActor {
  id: string;
  displayNameEnc: Uint8Array;
  role: Role | null;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly db: DatabaseContext) {}

  /** A page of the organisation's chain, newest first; `seq` orders it without ties. */
  find(filter: AuditLogFilter): Promise<AuditLogRow[]> {
    return this.db.tx.auditEvent.findMany({
      where: {
        organizationId: filter.organizationId,
        ...(filter.caseId !== undefined && { caseId: filter.caseId }),
        ...(filter.actorId !== undefined && { actorId: filter.actorId }),
        ...(filter.action !== undefined && { action: filter.action }),
        ...(filter.entity !== undefined && { entity: filter.entity }),
        ...((filter.from !== undefined || filter.before !== undefined) && {
          occurredAt: {
            ...(filter.from !== undefined && { gte: filter.from }),
            ...(filter.before !== undefined && { lt: filter.before }),
          },
        }),
        ...(filter.beforeSeq !== undefined && { seq: { lt: filter.beforeSeq } }),
      },
      orderBy: { seq: 'desc' },
      take: filter.limit,
      select: {
        id: true,
        organizationId: true,
        seq: true,
        occurredAt: true,
        actorId: true,
        caseId: true,
        entity: true,
        action: true,
        fields: true,
        breakGlass: true,
      },
    });
  }

  /** The actors' display names (encrypted) and their role in the organisation, if members. */
  async findActors(organizationId: string, userIds: string[]): Promise<AuditActor[]> {
    if (userIds.length === 0) return [];
    const users = await this.db.tx.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, displayNameEnc: true, memberships: { where: { organizationId }, select: { role: true } } },
    });
    return users.map((user) => ({ id: user.id, displayNameEnc: user.displayNameEnc, role: user.memberships[0]?.role ?? null }));
  }
}
