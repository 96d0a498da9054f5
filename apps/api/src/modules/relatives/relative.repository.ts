import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';

type Bytes = Uint8Array<ArrayBuffer>;

export interface RelativeColumns {
  relationship: string;
  nameEnc: Bytes;
  phonesEnc: Bytes | null;
  addressEnc: Bytes | null;
  notesEnc: Bytes | null;
  userId: string | null;
}

export interface RelativeRow extends RelativeColumns {
  id: string;
  organizationId: string;
  caseId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const relativeSelect = {
  id: true,
  organizationId: true,
  caseId: true,
  relationship: true,
  nameEnc: true,
  phonesEnc: true,
  addressEnc: true,
  notesEnc: true,
  userId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

@Injectable()
export class RelativeRepository {
  constructor(private readonly db: DatabaseContext) {}

  findForCase(caseId: string): Promise<RelativeRow[]> {
    return this.db.tx.relative.findMany({
      where: { caseId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: relativeSelect,
    }) as Promise<RelativeRow[]>;
  }

  /** One relative of this case (a relative id from another case is not found). */
  findVersion(caseId: string, id: string): Promise<{ id: string; version: number } | null> {
    return this.db.tx.relative.findFirst({ where: { id, caseId }, select: { id: true, version: true } });
  }

  async create(input: { id: string; organizationId: string; caseId: string; columns: RelativeColumns }): Promise<RelativeRow> {
    return (await this.db.tx.relative.create({
      data: { id: input.id, organizationId: input.organizationId, caseId: input.caseId, ...input.columns },
      select: relativeSelect,
    })) as RelativeRow;
  }

  /** Writes the row only if it still has the version the caller read; null when it does not. */
  async update(caseId: string, id: string, expectedVersion: number, columns: RelativeColumns): Promise<RelativeRow | null> {
    const { count } = await this.db.tx.relative.updateMany({
      where: { id, caseId, version: expectedVersion },
      data: { ...columns, version: { increment: 1 } },
    });
    if (count === 0) return null;
    return (await this.db.tx.relative.findUniqueOrThrow({ where: { id }, select: relativeSelect })) as RelativeRow;
  }

  async delete(caseId: string, id: string): Promise<boolean> {
    const { count } = await this.db.tx.relative.deleteMany({ where: { id, caseId } });
    return count > 0;
  }

  /** Whether the user is an active FAMILY member of the organisation (and their account is active). */
  async isActiveFamilyMember(organizationId: string, userId: string): Promise<boolean> {
    const membership = await this.db.tx.membership.findFirst({
      where: { organizationId, userId, role: 'FAMILY', disabledAt: null, user: { status: 'ACTIVE' } },
      select: { id: true },
    });
    return membership !== null;
  }

  /** The encrypted display names of linked accounts. */
  findUserNames(userIds: string[]): Promise<{ id: string; displayNameEnc: Uint8Array }[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayNameEnc: true } });
  }
}
