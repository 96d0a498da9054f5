import { Injectable } from '@nestjs/common';
import type { DatePrecision, ProceedingStatus, ProceedingType } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';
import { forumSelect, type ForumRow } from '../forums/forum.mapper';
import { caseloadWhere, type Viewer } from './caseload';

type Bytes = Uint8Array<ArrayBuffer>;

export interface ProceedingColumns {
  forumId: string;
  type: ProceedingType;
  caseNumberEnc: Bytes | null;
  caseNumberBidx: Bytes | null;
  filedFrom: Date | null;
  filedTo: Date | null;
  filedPrecision: DatePrecision | null;
  respondentsEnc: Bytes | null;
  reliefSoughtEnc: Bytes | null;
  appealsProceedingId: string | null;
  appealsFilingId: string | null;
  transferredFromId: string | null;
}

export interface ProceedingRow extends ProceedingColumns {
  id: string;
  organizationId: string;
  caseId: string;
  status: ProceedingStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  forum: ForumRow;
  counsel: { userId: string }[];
}

export interface StatusChangeRow {
  id: string;
  organizationId: string;
  fromStatus: ProceedingStatus | null;
  toStatus: ProceedingStatus;
  effectiveOn: Date;
  noteEnc: Bytes | null;
  changedById: string;
  createdAt: Date;
}

const proceedingSelect = {
  id: true,
  organizationId: true,
  caseId: true,
  forumId: true,
  type: true,
  caseNumberEnc: true,
  caseNumberBidx: true,
  filedFrom: true,
  filedTo: true,
  filedPrecision: true,
  respondentsEnc: true,
  reliefSoughtEnc: true,
  status: true,
  appealsProceedingId: true,
  appealsFilingId: true,
  transferredFromId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  forum: { select: forumSelect },
  counsel: { select: { userId: true }, orderBy: { createdAt: 'asc' } },
} as const;

const statusChangeSelect = {
  id: true,
  organizationId: true,
  fromStatus: true,
  toStatus: true,
  effectiveOn: true,
  noteEnc: true,
  changedById: true,
  createdAt: true,
} as const;

@Injectable()
export class ProceedingRepository {
  constructor(private readonly db: DatabaseContext) {}

  findByCase(caseId: string): Promise<ProceedingRow[]> {
    return this.db.tx.proceeding.findMany({
      where: { caseId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: proceedingSelect,
    }) as Promise<ProceedingRow[]>;
  }

  /** The proceeding, only within this case (a proceeding id of another case is not found). */
  findInCase(caseId: string, proceedingId: string): Promise<ProceedingRow | null> {
    return this.db.tx.proceeding.findFirst({ where: { id: proceedingId, caseId }, select: proceedingSelect }) as Promise<ProceedingRow | null>;
  }

  findStatusChanges(proceedingId: string): Promise<StatusChangeRow[]> {
    return this.db.tx.proceedingStatusChange.findMany({
      where: { proceedingId },
      // The order they were recorded in is the order the transition table checked them in; a
      // back-filled change carries an older effective day but still follows the one before it.
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: statusChangeSelect,
    }) as Promise<StatusChangeRow[]>;
  }

  async existsInCase(caseId: string, proceedingId: string): Promise<boolean> {
    return (await this.db.tx.proceeding.count({ where: { id: proceedingId, caseId } })) > 0;
  }

  async filingBelongsTo(proceedingId: string, filingId: string): Promise<boolean> {
    return (await this.db.tx.filing.count({ where: { id: filingId, proceedingId } })) > 0;
  }

  /**
   * Of `userIds`, those who may act as counsel on the case: a live grant (not break-glass) on
   * it and an active LAWYER membership the request can see.
   */
  async findEligibleCounsel(caseId: string, userIds: string[], now: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.tx.user.findMany({
      where: {
        id: { in: userIds },
        status: 'ACTIVE',
        memberships: { some: { role: 'LAWYER', disabledAt: null } },
        caseGrants: {
          some: { caseId, kind: 'GRANT', revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        },
      },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  findUsers(userIds: string[]): Promise<{ id: string; displayNameEnc: Bytes }[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayNameEnc: true } }) as Promise<
      { id: string; displayNameEnc: Bytes }[]
    >;
  }

  async create(input: {
    id: string;
    organizationId: string;
    caseId: string;
    status: ProceedingStatus;
    columns: ProceedingColumns;
    counselIds: string[];
  }): Promise<void> {
    await this.db.tx.proceeding.create({
      data: { id: input.id, organizationId: input.organizationId, caseId: input.caseId, status: input.status, ...input.columns },
      select: { id: true },
    });
    await this.replaceCounsel(input.organizationId, input.id, input.counselIds);
  }

  /** Writes the row only if it still has the version the caller read; false when it does not. */
  async update(id: string, expectedVersion: number, columns: ProceedingColumns): Promise<boolean> {
    const { count } = await this.db.tx.proceeding.updateMany({
      where: { id, version: expectedVersion },
      data: { ...columns, version: { increment: 1 } },
    });
    return count === 1;
  }

  async replaceCounsel(organizationId: string, proceedingId: string, userIds: string[]): Promise<void> {
    await this.db.tx.proceedingCounsel.deleteMany({ where: { proceedingId } });
    if (userIds.length > 0) {
      await this.db.tx.proceedingCounsel.createMany({ data: userIds.map((userId) => ({ organizationId, proceedingId, userId })) });
    }
  }

  /** Moves the status if the row is still at `expectedVersion`; false when it is not. */
  async moveStatus(id: string, expectedVersion: number, to: ProceedingStatus): Promise<boolean> {
    const { count } = await this.db.tx.proceeding.updateMany({
      where: { id, version: expectedVersion },
      data: { status: to, version: { increment: 1 } },
    });
    return count === 1;
  }

  async recordStatusChange(input: {
    id: string;
    organizationId: string;
    proceedingId: string;
    fromStatus: ProceedingStatus | null;
    toStatus: ProceedingStatus;
    effectiveOn: Date;
    noteEnc: Bytes | null;
    changedById: string;
  }): Promise<void> {
    await this.db.tx.proceedingStatusChange.create({ data: input, select: { id: true } });
  }

  async currentVersion(id: string): Promise<number | null> {
    return (await this.db.tx.proceeding.findUnique({ where: { id }, select: { version: true } }))?.version ?? null;
  }

  /** Proceedings of the organisation whose case number has this blind index, in the viewer's caseload. */
  findByCaseNumber(organizationId: string, caseNumberBidx: Bytes, viewer: Viewer, now: Date): Promise<CaseNumberMatch[]> {
    return this.db.tx.proceeding.findMany({
      where: { organizationId, caseNumberBidx, case: caseloadWhere(viewer, now) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 50,
      select: { id: true, caseId: true, type: true, status: true, case: { select: { reference: true } }, forum: { select: { name: true } } },
    });
  }
}

export interface CaseNumberMatch {
  id: string;
  caseId: string;
  type: ProceedingType;
  status: ProceedingStatus;
  case: { reference: string };
  forum: { name: string };
}
