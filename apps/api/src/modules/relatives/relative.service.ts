import { Injectable } from '@nestjs/common';
import type {
  Relationship,
  RelativeListResponse,
  RelativeRequest,
  RelativeResponse,
  RelativeUpdateRequest,
} from '@lapata/contracts';
import type { VersionedKey } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { NotFoundError, StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CaseKeyService } from '../people/case-key.service';
import {
  decryptPersonList,
  decryptPersonText,
  encryptPersonList,
  encryptPersonText,
  recordFieldContext,
} from '../people/person-fields';
import { decryptUserField } from '../users/user-fields';
import { RelativeRepository, type RelativeColumns, type RelativeRow } from './relative.repository';

/** The record's fields as the API names them (what audit events list, never with values). */
const RELATIVE_FIELDS = ['relationship', 'name', 'phones', 'address', 'notes', 'userId'] as const;

type RelativeColumn = 'name_enc' | 'phones_enc' | 'address_enc' | 'notes_enc';

@Injectable()
export class RelativeService {
  constructor(
    private readonly access: AccessService,
    private readonly relatives: RelativeRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, caseId: string): Promise<RelativeListResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const rows = await this.relatives.findForCase(caseId);
    const keys = rows.length > 0 ? await this.caseKeys.allKeys(caseId) : [];
    const names = await this.userNames(rows);
    const relatives = rows.map((row) => decrypt(row, keys, names));
    for (const row of rows) {
      await this.audit.record({
        organizationId: access.organizationId,
        actorId: actor.userId,
        caseId,
        entity: 'relative',
        entityId: row.id,
        action: 'read',
        fields: [...RELATIVE_FIELDS],
        breakGlass: access.breakGlass,
      });
    }
    return { relatives };
  }

  async create(actor: Actor, caseId: string, request: RelativeRequest): Promise<RelativeResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    await this.checkLinkedUser(access.organizationId, request.userId);
    const id = uuidv7();
    const columns = await this.encrypt(access.organizationId, caseId, id, request);
    const row = await this.relatives.create({ id, organizationId: access.organizationId, caseId, columns });
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'relative',
      entityId: id,
      action: 'create',
      fields: [...RELATIVE_FIELDS],
      breakGlass: access.breakGlass,
    });
    return toResponse(row, request, await this.userNames([row]));
  }

  async update(actor: Actor, caseId: string, relativeId: string, request: RelativeUpdateRequest): Promise<RelativeResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.relatives.findVersion(caseId, relativeId);
    if (!existing) throw new NotFoundError();
    if (request.version !== existing.version) throw new StaleVersionError(existing.version);
    await this.checkLinkedUser(access.organizationId, request.userId);
    const columns = await this.encrypt(access.organizationId, caseId, relativeId, request);
    const row = await this.relatives.update(caseId, relativeId, existing.version, columns);
    if (!row) {
      const current = await this.relatives.findVersion(caseId, relativeId);
      if (!current) throw new NotFoundError();
      throw new StaleVersionError(current.version);
    }
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'relative',
      entityId: relativeId,
      action: 'update',
      fields: [...RELATIVE_FIELDS],
      breakGlass: access.breakGlass,
    });
    return toResponse(row, request, await this.userNames([row]));
  }

  async delete(actor: Actor, caseId: string, relativeId: string): Promise<void> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    if (!(await this.relatives.delete(caseId, relativeId))) throw new NotFoundError();
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'relative',
      entityId: relativeId,
      action: 'delete',
      fields: [...RELATIVE_FIELDS],
      breakGlass: access.breakGlass,
    });
  }

  /** A linked account must be an active FAMILY member of the case's organisation. */
  private async checkLinkedUser(organizationId: string, userId: string | null): Promise<void> {
    if (userId !== null && !(await this.relatives.isActiveFamilyMember(organizationId, userId))) {
      throw new ValidationError({ userId: ['Choose an active family member of this organisation'] });
    }
  }

  private async encrypt(organizationId: string, caseId: string, id: string, request: RelativeRequest): Promise<RelativeColumns> {
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    const context = (column: RelativeColumn) => recordFieldContext(organizationId, 'relatives', column, id);
    return {
      relationship: request.relationship,
      nameEnc: encryptPersonText(key, context('name_enc'), request.name)!,
      phonesEnc: encryptPersonList(key, context('phones_enc'), request.phones),
      addressEnc: encryptPersonText(key, context('address_enc'), request.address),
      notesEnc: encryptPersonText(key, context('notes_enc'), request.notes),
      userId: request.userId,
    };
  }

  private async userNames(rows: RelativeRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
    const users = await this.relatives.findUserNames(ids);
    return new Map(users.map((user) => [user.id, decryptUserField(this.config.keys, user.id, 'display_name_enc', user.displayNameEnc)]));
  }
}

function decrypt(row: RelativeRow, keys: VersionedKey[], names: Map<string, string>): RelativeResponse {
  const context = (column: RelativeColumn) => recordFieldContext(row.organizationId, 'relatives', column, row.id);
  return {
    id: row.id,
    caseId: row.caseId,
    relationship: row.relationship as Relationship,
    name: decryptPersonText(keys, context('name_enc'), row.nameEnc)!,
    phones: decryptPersonList(keys, context('phones_enc'), row.phonesEnc),
    address: decryptPersonText(keys, context('address_enc'), row.addressEnc),
    notes: decryptPersonText(keys, context('notes_enc'), row.notesEnc),
    userId: row.userId,
    userName: row.userId ? (names.get(row.userId) ?? null) : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The stored record answered from the request just written (no need to decrypt it again). */
function toResponse(row: RelativeRow, request: RelativeRequest, names: Map<string, string>): RelativeResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    relationship: request.relationship,
    name: request.name,
    phones: request.phones,
    address: request.address,
    notes: request.notes,
    userId: row.userId,
    userName: row.userId ? (names.get(row.userId) ?? null) : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
