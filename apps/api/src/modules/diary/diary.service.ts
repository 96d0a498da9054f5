import { Injectable } from '@nestjs/common';
import {
  historicDateBounds,
  historicDateFromBounds,
  type DiaryEntryRequest,
  type DiaryEntryResponse,
  type DiaryEntryUpdateRequest,
  type DiaryListQuery,
  type DiaryPageResponse,
} from '@lapata/contracts';
import type { VersionedKey } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService, type CaseAccessGrant } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { levelAtLeast } from '../../access/policy';
import { NotFoundError, StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CaseKeyService } from '../people/case-key.service';
import { decryptPersonText, encryptPersonText, recordFieldContext } from '../people/person-fields';
import { decryptUserField } from '../users/user-fields';
import { decodeDiaryCursor, encodeDiaryCursor } from './diary-cursor';
import { DiaryRepository, type DiaryEntryColumns, type DiaryEntryRow } from './diary.repository';

/** The entry's fields as the API names them (what audit events list, never with values). */
const DIARY_FIELDS = ['kind', 'occurred', 'body'] as const;
const DEFAULT_PAGE = 20;

const toDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/** The author may change their own entry; anyone who manages the case may change any entry. */
function mayChange(actor: Actor, access: CaseAccessGrant, authorId: string): boolean {
  return levelAtLeast(access.level, 'CONTRIBUTE') && !access.breakGlass && (authorId === actor.userId || access.level === 'MANAGE');
}

@Injectable()
export class DiaryService {
  constructor(
    private readonly access: AccessService,
    private readonly diary: DiaryRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, caseId: string, query: DiaryListQuery): Promise<DiaryPageResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const after = query.cursor ? decodeDiaryCursor(query.cursor) : null;
    if (query.cursor && !after) throw new ValidationError({ cursor: ['Not a valid page cursor'] });
    const limit = query.limit ?? DEFAULT_PAGE;
    const found = await this.diary.findPage(caseId, after, limit);
    const rows = found.slice(0, limit);
    const keys = rows.length > 0 ? await this.caseKeys.allKeys(caseId) : [];
    const names = await this.authorNames(rows);
    const entries = rows.map((row) => this.toResponse(row, decryptBody(row, keys), names, mayChange(actor, access, row.authorId)));
    for (const row of rows) {
      await this.audit.record({
        organizationId: access.organizationId,
        actorId: actor.userId,
        caseId,
        entity: 'diary_entry',
        entityId: row.id,
        action: 'read',
        fields: [...DIARY_FIELDS],
        breakGlass: access.breakGlass,
      });
    }
    const last = rows.at(-1);
    return { entries, nextCursor: found.length > limit && last ? encodeDiaryCursor(last) : null };
  }

  async create(actor: Actor, caseId: string, request: DiaryEntryRequest): Promise<DiaryEntryResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const id = uuidv7();
    const columns = await this.encrypt(access.organizationId, caseId, id, request);
    const row = await this.diary.create({ id, organizationId: access.organizationId, caseId, authorId: actor.userId, columns });
    await this.record(actor, access, id, 'create');
    return this.toResponse(row, request.body, await this.authorNames([row]), true);
  }

  async update(actor: Actor, caseId: string, entryId: string, request: DiaryEntryUpdateRequest): Promise<DiaryEntryResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.diary.findHead(caseId, entryId);
    // Someone else's entry, for a contributor who does not manage the case, is as good as absent.
    if (!existing || !mayChange(actor, access, existing.authorId)) throw new NotFoundError();
    if (request.version !== existing.version) throw new StaleVersionError(existing.version);
    const columns = await this.encrypt(access.organizationId, caseId, entryId, request);
    const row = await this.diary.update(caseId, entryId, existing.version, columns);
    if (!row) {
      const current = await this.diary.findHead(caseId, entryId);
      if (!current) throw new NotFoundError();
      throw new StaleVersionError(current.version);
    }
    await this.record(actor, access, entryId, 'update');
    return this.toResponse(row, request.body, await this.authorNames([row]), true);
  }

  async delete(actor: Actor, caseId: string, entryId: string): Promise<void> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.diary.findHead(caseId, entryId);
    if (!existing || !mayChange(actor, access, existing.authorId)) throw new NotFoundError();
    if (!(await this.diary.delete(caseId, entryId))) throw new NotFoundError();
    await this.record(actor, access, entryId, 'delete');
  }

  private record(actor: Actor, access: CaseAccessGrant, entryId: string, action: 'create' | 'update' | 'delete'): Promise<void> {
    return this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId: access.caseId,
      entity: 'diary_entry',
      entityId: entryId,
      action,
      fields: [...DIARY_FIELDS],
      breakGlass: access.breakGlass,
    });
  }

  private async encrypt(organizationId: string, caseId: string, id: string, request: DiaryEntryRequest): Promise<DiaryEntryColumns> {
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    const bounds = historicDateBounds(request.occurred);
    return {
      kind: request.kind,
      occurredFrom: toDate(bounds.from),
      occurredTo: toDate(bounds.to),
      occurredPrecision: bounds.precision,
      bodyEnc: encryptPersonText(key, recordFieldContext(organizationId, 'diary_entries', 'body_enc', id), request.body)!,
    };
  }

  private async authorNames(rows: DiaryEntryRow[]): Promise<Map<string, string>> {
    const users = await this.diary.findUserNames([...new Set(rows.map((row) => row.authorId))]);
    return new Map(users.map((user) => [user.id, decryptUserField(this.config.keys, user.id, 'display_name_enc', user.displayNameEnc)]));
  }

  private toResponse(row: DiaryEntryRow, body: string, names: Map<string, string>, canEdit: boolean): DiaryEntryResponse {
    return {
      id: row.id,
      caseId: row.caseId,
      kind: row.kind,
      occurred: historicDateFromBounds({ from: toDay(row.occurredFrom), to: toDay(row.occurredTo), precision: row.occurredPrecision }),
      body,
      authorId: row.authorId,
      // An account erased since keeps its entries; they show no name.
      authorName: names.get(row.authorId) ?? '—',
      canEdit,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function decryptBody(row: DiaryEntryRow, keys: VersionedKey[]): string {
  return decryptPersonText(keys, recordFieldContext(row.organizationId, 'diary_entries', 'body_enc', row.id), row.bodyEnc)!;
}
