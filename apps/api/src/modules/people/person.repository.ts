import { Injectable } from '@nestjs/common';
import type { Sex } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

type Bytes = Uint8Array<ArrayBuffer>;

export interface PersonColumns {
  fullNameNativeEnc: Bytes | null;
  fullNameLatinEnc: Bytes | null;
  aliasesEnc: Bytes | null;
  guardianNameEnc: Bytes | null;
  guardianRelation: string | null;
  sex: Sex;
  nationalIdCountry: string | null;
  nationalIdEnc: Bytes | null;
  nationalIdBidx: Bytes | null;
  phonesEnc: Bytes | null;
  occupationEnc: Bytes | null;
  physicalDescriptionEnc: Bytes | null;
}

export interface PersonRow extends PersonColumns {
  id: string;
  organizationId: string;
  caseId: string;
  version: number;
  updatedAt: Date;
}

const personSelect = {
  id: true,
  organizationId: true,
  caseId: true,
  fullNameNativeEnc: true,
  fullNameLatinEnc: true,
  aliasesEnc: true,
  guardianNameEnc: true,
  guardianRelation: true,
  sex: true,
  nationalIdCountry: true,
  nationalIdEnc: true,
  nationalIdBidx: true,
  phonesEnc: true,
  occupationEnc: true,
  physicalDescriptionEnc: true,
  version: true,
  updatedAt: true,
} as const;

/** A name token's blind index and the field it came from. */
export interface NameToken {
  field: string;
  tokenBidx: Bytes;
}

@Injectable()
export class PersonRepository {
  constructor(private readonly db: DatabaseContext) {}

  findByCase(caseId: string): Promise<PersonRow | null> {
    return this.db.tx.missingPerson.findUnique({ where: { caseId }, select: personSelect }) as Promise<PersonRow | null>;
  }

  findVersion(caseId: string): Promise<{ id: string; version: number } | null> {
    return this.db.tx.missingPerson.findUnique({ where: { caseId }, select: { id: true, version: true } });
  }

  async create(input: { id: string; organizationId: string; caseId: string; columns: PersonColumns }): Promise<PersonRow> {
    return (await this.db.tx.missingPerson.create({
      data: { id: input.id, organizationId: input.organizationId, caseId: input.caseId, ...input.columns },
      select: personSelect,
    })) as PersonRow;
  }

  /** Writes the row only if it still has the version the caller read; null when it does not. */
  async update(id: string, expectedVersion: number, columns: PersonColumns): Promise<PersonRow | null> {
    const { count } = await this.db.tx.missingPerson.updateMany({
      where: { id, version: expectedVersion },
      data: { ...columns, version: { increment: 1 } },
    });
    if (count === 0) return null;
    return (await this.db.tx.missingPerson.findUniqueOrThrow({ where: { id }, select: personSelect })) as PersonRow;
  }

  async replaceNameTokens(organizationId: string, missingPersonId: string, tokens: NameToken[]): Promise<void> {
    await this.db.tx.personNameToken.deleteMany({ where: { missingPersonId } });
    if (tokens.length > 0) {
      await this.db.tx.personNameToken.createMany({
        data: tokens.map((token) => ({ organizationId, missingPersonId, field: token.field, tokenBidx: token.tokenBidx })),
      });
    }
  }
}
