import { Injectable } from '@nestjs/common';
import type { DatePrecision } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

type Bytes = Uint8Array<ArrayBuffer>;

export interface DisappearanceColumns {
  lastSeenFrom: Date | null;
  lastSeenTo: Date | null;
  lastSeenPrecision: DatePrecision | null;
  lastSeenPlaceEnc: Bytes | null;
  circumstancesEnc: Bytes | null;
  perpetratorsEnc: Bytes | null;
  witnessesEnc: Bytes | null;
}

export interface DisappearanceRow extends DisappearanceColumns {
  id: string;
  organizationId: string;
  caseId: string;
  version: number;
  updatedAt: Date;
}

const disappearanceSelect = {
  id: true,
  organizationId: true,
  caseId: true,
  lastSeenFrom: true,
  lastSeenTo: true,
  lastSeenPrecision: true,
  lastSeenPlaceEnc: true,
  circumstancesEnc: true,
  perpetratorsEnc: true,
  witnessesEnc: true,
  version: true,
  updatedAt: true,
} as const;

@Injectable()
export class DisappearanceRepository {
  constructor(private readonly db: DatabaseContext) {}

  findByCase(caseId: string): Promise<DisappearanceRow | null> {
    return this.db.tx.disappearance.findUnique({ where: { caseId }, select: disappearanceSelect }) as Promise<DisappearanceRow | null>;
  }

  findVersion(caseId: string): Promise<{ id: string; version: number } | null> {
    return this.db.tx.disappearance.findUnique({ where: { caseId }, select: { id: true, version: true } });
  }

  async create(input: { id: string; organizationId: string; caseId: string; columns: DisappearanceColumns }): Promise<DisappearanceRow> {
    return (await this.db.tx.disappearance.create({
      data: { id: input.id, organizationId: input.organizationId, caseId: input.caseId, ...input.columns },
      select: disappearanceSelect,
    })) as DisappearanceRow;
  }

  /** Writes the row only if it still has the version the caller read; null when it does not. */
  async update(id: string, expectedVersion: number, columns: DisappearanceColumns): Promise<DisappearanceRow | null> {
    const { count } = await this.db.tx.disappearance.updateMany({
      where: { id, version: expectedVersion },
      data: { ...columns, version: { increment: 1 } },
    });
    if (count === 0) return null;
    return (await this.db.tx.disappearance.findUniqueOrThrow({ where: { id }, select: disappearanceSelect })) as DisappearanceRow;
  }
}
