import { Injectable } from '@nestjs/common';
import type { Sex } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';
import type { NameToken } from './person-indexes';

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
  dateOfBirthEnc: Bytes | null;
  addressesEnc: Bytes | null;
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
  dateOfBirthEnc: true,
  addressesEnc: true,
  occupationEnc: true,
  physicalDescriptionEnc: true,
  version: true,
  updatedAt: true,
} as const;

/** Another case of the organisation that may hold the same person, and whether the actor may open it. */
export interface DuplicateCandidate {
  caseId: string;
  reference: string;
  visible: boolean;
}

const hex = (values: Uint8Array[]) => values.map((value) => Buffer.from(value).toString('hex'));

export type { NameToken } from './person-indexes';

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

  /**
   * Live cases of the organisation other than `caseId` whose person has this national-ID blind
   * index, or whose name tokens (in `nameFields`) include every one of `nameTokens` AND whose
   * father's/husband's name tokens include every one of `guardianTokens`. Token matching runs on
   * person_name_tokens' (organization_id, token_bidx) index; nothing is decrypted. `visible` says
   * whether the user may open the case: an administrator of the organisation, or a live grant.
   */
  async findDuplicateCandidates(input: {
    organizationId: string;
    caseId: string;
    userId: string;
    nationalIdBidx: Bytes | null;
    names: { nameFields: string[]; nameTokens: Bytes[]; guardianTokens: Bytes[] }[];
  }): Promise<DuplicateCandidate[]> {
    const tx = this.db.tx;
    const personIds = new Set<string>();
    for (const name of input.names) {
      if (name.nameTokens.length === 0 || name.guardianTokens.length === 0) continue;
      const rows = await tx.$queryRaw<{ id: string }[]>`
        select missing_person_id as id from person_name_tokens
        where organization_id = ${input.organizationId}::uuid and field = any(${name.nameFields}::text[])
          and token_bidx in (select decode(h, 'hex') from unnest(${hex(name.nameTokens)}::text[]) h)
        group by missing_person_id having count(distinct token_bidx) = ${new Set(hex(name.nameTokens)).size}
        intersect
        select missing_person_id from person_name_tokens
        where organization_id = ${input.organizationId}::uuid and field = 'guardianName'
          and token_bidx in (select decode(h, 'hex') from unnest(${hex(name.guardianTokens)}::text[]) h)
        group by missing_person_id having count(distinct token_bidx) = ${new Set(hex(name.guardianTokens)).size}`;
      for (const row of rows) personIds.add(row.id);
    }
    if (personIds.size === 0 && input.nationalIdBidx === null) return [];
    const nationalIdHex = input.nationalIdBidx ? Buffer.from(input.nationalIdBidx).toString('hex') : null;
    return tx.$queryRaw<DuplicateCandidate[]>`
      select c.id as "caseId", c.reference,
        (exists (select 1 from memberships m where m.organization_id = c.organization_id and m.user_id = ${input.userId}::uuid
                   and m.role = 'ORG_ADMIN' and m.disabled_at is null)
         or exists (select 1 from case_grants g where g.case_id = c.id and g.user_id = ${input.userId}::uuid
                   and g.revoked_at is null and (g.expires_at is null or g.expires_at > now()))) as visible
      from missing_persons mp join cases c on c.id = mp.case_id
      where mp.organization_id = ${input.organizationId}::uuid and c.deleted_at is null and c.id <> ${input.caseId}::uuid
        and (mp.id = any(${[...personIds]}::uuid[])
             or (${nationalIdHex}::text is not null and mp.national_id_bidx = decode(${nationalIdHex}::text, 'hex')))
      order by c.reference`;
  }
}
