import { Injectable } from '@nestjs/common';
import type { DatePrecision, DiaryEntryKind } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

type Bytes = Uint8Array<ArrayBuffer>;

export interface DiaryEntryColumns {
  kind: DiaryEntryKind;
  occurredFrom: Date;
  occurredTo: Date;
  occurredPrecision: DatePrecision;
  bodyEnc: Bytes;
}

export interface DiaryEntryRow extends DiaryEntryColumns {
  id: string;
  organizationId: string;
  caseId: string;
  authorId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a page ends: the last entry's sort key (occurred, then created, then id; all descending). */
export interface DiaryCursor {
  occurredFrom: Date;
  createdAt: Date;
  id: string;
}

const entrySelect = {
  id: true,
  organizationId: true,
  caseId: true,
  kind: true,
  occurredFrom: true,
  occurredTo: true,
  occurredPrecision: true,
  bodyEnc: true,
  authorId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

@Injectable()
export class DiaryRepository {
  constructor(private readonly db: DatabaseContext) {}

  /** One page, newest first; `limit + 1` rows are read to know whether another page follows. */
  findPage(caseId: string, after: DiaryCursor | null, limit: number): Promise<DiaryEntryRow[]> {
    const keyset = after
      ? {
          OR: [
            { occurredFrom: { lt: after.occurredFrom } },
            { occurredFrom: after.occurredFrom, createdAt: { lt: after.createdAt } },
            { occurredFrom: after.occurredFrom, createdAt: after.createdAt, id: { lt: after.id } },
          ],
        }
      : {};
    return this.db.tx.diaryEntry.findMany({
      where: { caseId, ...keyset },
      orderBy: [{ occurredFrom: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: entrySelect,
    }) as Promise<DiaryEntryRow[]>;
  }

  /** One entry of this case (an entry id from another case is not found). */
  findHead(caseId: string, id: string): Promise<{ id: string; version: number; authorId: string } | null> {
    return this.db.tx.diaryEntry.findFirst({ where: { id, caseId }, select: { id: true, version: true, authorId: true } });
  }

  async create(input: { id: string; organizationId: string; caseId: string; authorId: string; columns: DiaryEntryColumns }): Promise<DiaryEntryRow> {
    return (await this.db.tx.diaryEntry.create({
      data: { id: input.id, organizationId: input.organizationId, caseId: input.caseId, authorId: input.authorId, ...input.columns },
      select: entrySelect,
    })) as DiaryEntryRow;
  }

  /** Writes the row only if it still has the version the caller read; null when it does not. */
  async update(caseId: string, id: string, expectedVersion: number, columns: DiaryEntryColumns): Promise<DiaryEntryRow | null> {
    const { count } = await this.db.tx.diaryEntry.updateMany({
      where: { id, caseId, version: expectedVersion },
      data: { ...columns, version: { increment: 1 } },
    });
    if (count === 0) return null;
    return (await this.db.tx.diaryEntry.findUniqueOrThrow({ where: { id }, select: entrySelect })) as DiaryEntryRow;
  }

  async delete(caseId: string, id: string): Promise<boolean> {
    const { count } = await this.db.tx.diaryEntry.deleteMany({ where: { id, caseId } });
    return count > 0;
  }

  /** Authors' encrypted display names. */
  findUserNames(userIds: string[]): Promise<{ id: string; displayNameEnc: Uint8Array }[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayNameEnc: true } });
  }
}
