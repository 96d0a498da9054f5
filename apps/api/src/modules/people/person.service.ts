import { Injectable } from '@nestjs/common';
import {
  PersonAddressSchema,
  type DuplicateWarning,
  type GuardianRelation,
  type HistoricDate,
  type MissingPersonRequest,
  type MissingPersonResponse,
  type MissingPersonSavedResponse,
} from '@lapata/contracts';
import { z } from 'zod';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { NotFoundError, StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { OrganizationKeyService } from '../keys/organization-key.service';
import { CaseKeyService } from './case-key.service';
import {
  decryptPersonJson,
  decryptPersonList,
  decryptPersonText,
  encryptPersonJson,
  encryptPersonList,
  encryptPersonText,
  personFieldContext,
  type PersonColumn,
} from './person-fields';
import { personNameTokens, personNationalIdIndex } from './person-indexes';
import { CaseSearchRule } from './search-limit';
import { PersonRepository, type NameToken, type PersonColumns, type PersonRow } from './person.repository';

/** The record's fields as the API names them (what audit events list, never with values). */
const PERSON_FIELDS = [
  'fullNameNative',
  'fullNameLatin',
  'aliases',
  'guardianName',
  'guardianRelation',
  'sex',
  'dateOfBirth',
  'nationalIdCountry',
  'nationalId',
  'phones',
  'addresses',
  'occupation',
  'physicalDescription',
] as const;

/** What a duplicate check compares (audit events name these, never their values). */
const DUPLICATE_FIELDS = ['nationalId', 'fullNameNative', 'fullNameLatin', 'guardianName'];

const StoredDateSchema = z.object({ from: z.string(), to: z.string().nullable() });
const StoredAddressesSchema = z.array(PersonAddressSchema);

@Injectable()
export class PersonService {
  constructor(
    private readonly access: AccessService,
    private readonly people: PersonRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly organizationKeys: OrganizationKeyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async get(actor: Actor, caseId: string): Promise<MissingPersonResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.people.findByCase(caseId);
    if (!row) throw new NotFoundError();
    const person = this.decrypt(row, await this.caseKeys.allKeys(caseId));
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'missing_person',
      entityId: row.id,
      action: 'read',
      fields: [...PERSON_FIELDS],
      breakGlass: access.breakGlass,
    });
    return person;
  }

  async put(actor: Actor, caseId: string, request: MissingPersonRequest): Promise<MissingPersonSavedResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const organizationId = access.organizationId;
    const existing = await this.people.findVersion(caseId);
    if (existing && request.version === undefined) {
      throw new ValidationError({ version: ['Send the version you last read'] });
    }
    if (existing && request.version !== existing.version) throw new StaleVersionError(existing.version);

    const personId = existing?.id ?? uuidv7();
    const columns = await this.encrypt(organizationId, caseId, personId, request);
    let row: PersonRow;
    if (existing) {
      const updated = await this.people.update(personId, existing.version, columns);
      if (!updated) {
        const current = await this.people.findVersion(caseId);
        throw new StaleVersionError(current?.version ?? existing.version);
      }
      row = updated;
    } else {
      row = await this.people.create({ id: personId, organizationId, caseId, columns });
    }
    await this.people.replaceNameTokens(organizationId, personId, await this.nameTokens(organizationId, request));
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'missing_person',
      entityId: personId,
      action: existing ? 'update' : 'create',
      fields: [...PERSON_FIELDS],
      breakGlass: access.breakGlass,
    });
    // A possible duplicate is a warning: the record is saved either way.
    const duplicates = await this.findDuplicates(actor, organizationId, caseId, request);
    return { ...toResponse(row, request), duplicates };
  }

  /**
   * The duplicate warning for a record not saved yet (the form asks before saving). Rate-limited and
   * audited like a search: it tells whether the organisation holds a name or an ID number.
   */
  async checkDuplicates(actor: Actor, caseId: string, request: MissingPersonRequest): Promise<DuplicateWarning> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    await this.rateLimiter.consume({ rule: CaseSearchRule, subject: this.rateLimiter.userSubject(actor.userId) });
    const duplicates = await this.findDuplicates(actor, access.organizationId, caseId, request);
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'duplicate_check',
      entityId: caseId,
      action: 'search',
      fields: DUPLICATE_FIELDS,
      breakGlass: access.breakGlass,
    });
    return duplicates;
  }

  /**
   * Same national ID (blind index), or every word of the full name (in one script) AND every word
   * of the father's/husband's name found among another person's name tokens. Matches the actor may
   * not open only set `hiddenMatches`: neither their number nor their reference leaves the server.
   */
  private async findDuplicates(actor: Actor, organizationId: string, caseId: string, request: MissingPersonRequest): Promise<DuplicateWarning> {
    const index = await this.blindIndex(organizationId);
    const tokens = (value: string | null) => (value === null ? [] : index.nameTokens(value).map((token) => new Uint8Array(token)));
    const guardianTokens = tokens(request.guardianName);
    const candidates = await this.people.findDuplicateCandidates({
      organizationId,
      caseId,
      userId: actor.userId,
      nationalIdBidx: await this.nationalIdIndex(organizationId, request),
      names: [request.fullNameNative, request.fullNameLatin].map((name) => ({
        nameFields: ['fullNameNative', 'fullNameLatin'],
        nameTokens: tokens(name),
        guardianTokens,
      })),
    });
    return {
      matches: candidates.filter((match) => match.visible).map(({ caseId: id, reference }) => ({ caseId: id, reference })),
      hiddenMatches: candidates.some((match) => !match.visible),
    };
  }

  private async encrypt(organizationId: string, caseId: string, personId: string, request: MissingPersonRequest): Promise<PersonColumns> {
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    const context = (column: PersonColumn) => personFieldContext(organizationId, personId, column);
    return {
      fullNameNativeEnc: encryptPersonText(key, context('full_name_native_enc'), request.fullNameNative),
      fullNameLatinEnc: encryptPersonText(key, context('full_name_latin_enc'), request.fullNameLatin),
      aliasesEnc: encryptPersonList(key, context('aliases_enc'), request.aliases),
      guardianNameEnc: encryptPersonText(key, context('guardian_name_enc'), request.guardianName),
      guardianRelation: request.guardianRelation,
      sex: request.sex,
      nationalIdCountry: request.nationalIdCountry,
      nationalIdEnc: encryptPersonText(key, context('national_id_enc'), request.nationalId),
      nationalIdBidx: await this.nationalIdIndex(organizationId, request),
      phonesEnc: encryptPersonList(key, context('phones_enc'), request.phones),
      dateOfBirthEnc: encryptPersonJson(key, context('date_of_birth_enc'), request.dateOfBirth),
      addressesEnc: encryptPersonJson(key, context('addresses_enc'), request.addresses.length === 0 ? null : request.addresses),
      occupationEnc: encryptPersonText(key, context('occupation_enc'), request.occupation),
      physicalDescriptionEnc: encryptPersonText(key, context('physical_description_enc'), request.physicalDescription),
    };
  }

  private async blindIndex(organizationId: string) {
    const organizationKey = await this.organizationKeys.currentKey(organizationId);
    return this.config.keys.blindIndex.forOrganisation(organizationId, organizationKey.key);
  }

  private async nationalIdIndex(organizationId: string, request: MissingPersonRequest): Promise<Uint8Array<ArrayBuffer> | null> {
    return personNationalIdIndex(await this.blindIndex(organizationId), request.nationalId, request.nationalIdCountry);
  }

  private async nameTokens(organizationId: string, request: MissingPersonRequest): Promise<NameToken[]> {
    return personNameTokens(await this.blindIndex(organizationId), request);
  }

  private decrypt(row: PersonRow, keys: Awaited<ReturnType<CaseKeyService['allKeys']>>): MissingPersonResponse {
    const context = (column: PersonColumn) => personFieldContext(row.organizationId, row.id, column);
    return {
      caseId: row.caseId,
      fullNameNative: decryptPersonText(keys, context('full_name_native_enc'), row.fullNameNativeEnc),
      fullNameLatin: decryptPersonText(keys, context('full_name_latin_enc'), row.fullNameLatinEnc),
      aliases: decryptPersonList(keys, context('aliases_enc'), row.aliasesEnc),
      guardianName: decryptPersonText(keys, context('guardian_name_enc'), row.guardianNameEnc),
      guardianRelation: row.guardianRelation as GuardianRelation | null,
      sex: row.sex,
      nationalIdCountry: row.nationalIdCountry,
      nationalId: decryptPersonText(keys, context('national_id_enc'), row.nationalIdEnc),
      phones: decryptPersonList(keys, context('phones_enc'), row.phonesEnc),
      dateOfBirth: decryptPersonJson<HistoricDate>(keys, context('date_of_birth_enc'), row.dateOfBirthEnc, StoredDateSchema),
      addresses: decryptPersonJson(keys, context('addresses_enc'), row.addressesEnc, StoredAddressesSchema) ?? [],
      occupation: decryptPersonText(keys, context('occupation_enc'), row.occupationEnc),
      physicalDescription: decryptPersonText(keys, context('physical_description_enc'), row.physicalDescriptionEnc),
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** The stored record answered from the request just written (no need to decrypt it again). */
function toResponse(row: PersonRow, request: MissingPersonRequest): MissingPersonResponse {
  return {
    caseId: row.caseId,
    fullNameNative: request.fullNameNative,
    fullNameLatin: request.fullNameLatin,
    aliases: request.aliases,
    guardianName: request.guardianName,
    guardianRelation: request.guardianRelation,
    sex: request.sex,
    dateOfBirth: request.dateOfBirth,
    nationalIdCountry: request.nationalIdCountry,
    nationalId: request.nationalId,
    phones: request.phones,
    addresses: request.addresses,
    occupation: request.occupation,
    physicalDescription: request.physicalDescription,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
