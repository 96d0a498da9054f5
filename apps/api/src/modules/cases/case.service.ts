import { Injectable } from '@nestjs/common';
import {
  partialDateBounds,
  type AssignableCaseworkersResponse,
  type CaseListQuery,
  type CaseListResponse,
  type CaseResponse,
  type CaseSearchRequest,
  type CaseSearchResponse,
  type CaseStatusChangeRequest,
  type CreateCaseRequest,
  type UpdateCaseRequest,
} from '@lapata/contracts';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService, type CaseAccessGrant } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { OrganizationKeyService } from '../keys/organization-key.service';
import { CaseKeyService } from '../people/case-key.service';
import { decryptPersonText, encryptPersonText, recordFieldContext } from '../people/person-fields';
import { CaseSearchRule } from '../people/search-limit';
import { decryptUserField } from '../users/user-fields';
import { decodeCaseCursor, encodeCaseCursor, toCaseResponse, toCaseSummary, toStatusChange } from './case.mapper';
import { CaseRepository, type CaseListFilter, type CaseRow } from './case.repository';

const PAGE_SIZE = 50;
/** At most this many hits of an exact search are shown (it is not a list to page through). */
const SEARCH_LIMIT = 50;

const ASSIGNEE_MESSAGE = 'Choose an active caseworker or administrator of the organisation';

/** "Updated" days are the organisation's calendar days: Pakistan Standard Time, UTC+05:00, no daylight saving. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+05:00`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);
const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

const statusNoteContext = (organizationId: string, changeId: string) =>
  recordFieldContext(organizationId, 'case_status_changes', 'note_enc', changeId);

@Injectable()
export class CaseService {
  constructor(
    private readonly access: AccessService,
    private readonly cases: CaseRepository,
    private readonly audit: AuditService,
    private readonly caseKeys: CaseKeyService,
    private readonly organizationKeys: OrganizationKeyService,
    private readonly rateLimiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, request: CreateCaseRequest): Promise<CaseResponse> {
    const organizationId = this.access.require(actor, Permission.CaseCreate);
    if (request.assignedCaseworkerId && !(await this.cases.isAssignable(organizationId, request.assignedCaseworkerId))) {
      throw new ValidationError({ assignedCaseworkerId: ['Choose a member of your organisation'] });
    }
    const year = new Date().getUTCFullYear();
    const number = await this.cases.takeReferenceNumber(organizationId, year);
    const prefix = await this.cases.findReferencePrefix(organizationId);
    const created = await this.cases.create({
      organizationId,
      reference: `${prefix}-${year}-${String(number).padStart(4, '0')}`,
      tags: request.tags,
      assignedCaseworkerId: request.assignedCaseworkerId ?? null,
      createdById: actor.userId,
      // Administrators reach every case anyway; anyone else who opens a case manages it.
      creatorGrant: actor.role !== 'ORG_ADMIN',
    });
    // The data key is made with the case, in its transaction, so no two first writes race for it.
    await this.caseKeys.create(organizationId, created.id);
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: created.id,
      entity: 'case',
      entityId: created.id,
      action: 'create',
      fields: ['tags', 'assignedCaseworkerId', 'status'],
    });
    const access: CaseAccessGrant = { caseId: created.id, organizationId, level: 'MANAGE', breakGlass: false };
    return this.respond(created, access);
  }

  async list(actor: Actor, query: CaseListQuery): Promise<CaseListResponse> {
    this.access.require(actor, Permission.CaseList);
    const after = query.cursor ? decodeCaseCursor(query.cursor) : null;
    if (query.cursor && !after) throw new ValidationError({ cursor: ['Not a valid page cursor'] });
    const filter: CaseListFilter = { status: query.status, tag: query.tag, assignedCaseworkerId: query.assignedCaseworkerId };
    if (query.disappearedFrom || query.disappearedTo) {
      const from = query.disappearedFrom ? utcDay(partialDateBounds(query.disappearedFrom).from) : null;
      const to = query.disappearedTo ? utcDay(partialDateBounds(query.disappearedTo).to) : null;
      if (from && to && to < from) throw new ValidationError({ disappearedTo: ['The end of the range is before its start'] });
      filter.disappeared = { from, to };
    }
    if (query.updatedFrom || query.updatedTo) {
      if (query.updatedFrom && query.updatedTo && query.updatedTo < query.updatedFrom) {
        throw new ValidationError({ updatedTo: ['The end of the range is before its start'] });
      }
      filter.updated = {
        from: query.updatedFrom ? dayStart(query.updatedFrom) : null,
        before: query.updatedTo ? nextDayStart(query.updatedTo) : null,
      };
    }
    const pageSize = query.limit ?? PAGE_SIZE;
    const rows = await this.cases.findVisible({
      userId: actor.userId,
      organizationId: actor.organizationId,
      isOrganizationAdmin: actor.role === 'ORG_ADMIN',
      limit: pageSize + 1,
      cursor: after,
      now: new Date(),
      filter,
    });
    const page = rows.slice(0, pageSize);
    return {
      items: page.map(toCaseSummary),
      nextCursor: rows.length > pageSize ? encodeCaseCursor(page[page.length - 1]!) : null,
    };
  }

  /**
   * Exact search by ID number or by name among the cases the user may list. Rate-limited per user
   * and audited as the fact of a search (what was searched by, never the term).
   */
  async search(actor: Actor, request: CaseSearchRequest): Promise<CaseSearchResponse> {
    const organizationId = this.access.require(actor, Permission.CaseList);
    await this.rateLimiter.consume({ rule: CaseSearchRule, subject: this.rateLimiter.userSubject(actor.userId) });
    const organizationKey = await this.organizationKeys.currentKey(organizationId);
    const index = this.config.keys.blindIndex.forOrganisation(organizationId, organizationKey.key);
    let ids: string[];
    if (request.by === 'nationalId') {
      const bidx = index.nationalId(request.nationalId, request.nationalIdCountry);
      ids = bidx === null ? [] : await this.cases.findCaseIdsByNationalId(organizationId, new Uint8Array(bidx));
    } else {
      const tokens = index.nameTokens(request.name).map((token) => new Uint8Array(token));
      ids = await this.cases.findCaseIdsByNameTokens(organizationId, tokens);
    }
    const rows =
      ids.length === 0
        ? []
        : await this.cases.findVisible({
            userId: actor.userId,
            organizationId,
            isOrganizationAdmin: actor.role === 'ORG_ADMIN',
            limit: SEARCH_LIMIT,
            cursor: null,
            now: new Date(),
            filter: { ids },
          });
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: null,
      entity: 'case_search',
      entityId: null,
      action: 'search',
      fields: [request.by],
    });
    return { items: rows.map(toCaseSummary) };
  }

  async get(actor: Actor, caseId: string): Promise<CaseResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.cases.getById(caseId);
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case',
      entityId: caseId,
      action: 'read',
      breakGlass: access.breakGlass,
    });
    return this.respond(row, access, { audit: actor });
  }

  /**
   * A change of status, dated when it took effect (possibly in the past) and attributed. Anyone who
   * contributes to the case may record it: the change is kept in the history, never overwritten.
   */
  async changeStatus(actor: Actor, caseId: string, request: CaseStatusChangeRequest): Promise<CaseResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const current = await this.cases.getById(caseId);
    if (current.version !== request.version) throw new StaleVersionError(current.version);
    if (current.status === request.status) throw new ValidationError({ status: ['The case already has this status'] });
    const updated = await this.cases.update(caseId, request.version, { status: request.status });
    if (!updated) throw new StaleVersionError((await this.cases.getById(caseId)).version);
    const changeId = uuidv7();
    const noteEnc =
      request.note === null
        ? null
        : encryptPersonText(
            await this.caseKeys.currentKey(access.organizationId, caseId),
            statusNoteContext(access.organizationId, changeId),
            request.note,
          );
    await this.cases.addStatusChange({
      id: changeId,
      organizationId: access.organizationId,
      caseId,
      fromStatus: current.status,
      toStatus: request.status,
      effectiveOn: utcDay(request.effectiveOn),
      noteEnc,
      changedById: actor.userId,
    });
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case_status_change',
      entityId: changeId,
      action: 'create',
      fields: request.note === null ? ['status', 'effectiveOn'] : ['status', 'effectiveOn', 'note'],
      breakGlass: access.breakGlass,
    });
    return this.respond(updated, access);
  }

  /** Tags and the assigned caseworker: the case's management, so it needs MANAGE. */
  async update(actor: Actor, caseId: string, request: UpdateCaseRequest): Promise<CaseResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseManage, caseId);
    const current = await this.cases.getById(caseId);
    if (current.version !== request.version) throw new StaleVersionError(current.version);
    if (request.assignedCaseworkerId && !(await this.cases.isAssignable(access.organizationId, request.assignedCaseworkerId))) {
      throw new ValidationError({ assignedCaseworkerId: [ASSIGNEE_MESSAGE] });
    }
    const changes = { tags: request.tags, assignedCaseworkerId: request.assignedCaseworkerId };
    const updated = await this.cases.update(caseId, request.version, changes);
    if (!updated) throw new StaleVersionError((await this.cases.getById(caseId)).version);
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case',
      entityId: caseId,
      action: 'update',
      fields: Object.entries(changes)
        .filter(([, value]) => value !== undefined)
        .map(([field]) => field),
      breakGlass: access.breakGlass,
    });
    return this.respond(updated, access);
  }

  /** Who a case can be assigned to, for the forms (names decrypted with the account key). */
  async assignableCaseworkers(actor: Actor): Promise<AssignableCaseworkersResponse> {
    const organizationId = this.access.require(actor, Permission.CaseCreate);
    const users = await this.cases.findAssignable(organizationId);
    const items = users.map((user) => ({
      id: user.id,
      displayName: decryptUserField(this.config.keys, user.id, 'display_name_enc', user.displayNameEnc),
    }));
    items.sort((a, b) => a.displayName.localeCompare(b.displayName));
    return { items };
  }

  /** The case with its status history; reading the history's encrypted notes is audited when asked. */
  private async respond(row: CaseRow, access: CaseAccessGrant, options: { audit?: Actor } = {}): Promise<CaseResponse> {
    const changes = await this.cases.findStatusHistory(row.id);
    const withNotes = changes.some((change) => change.noteEnc !== null);
    const keys = withNotes ? await this.caseKeys.allKeys(row.id) : [];
    if (withNotes && options.audit) {
      await this.audit.record({
        organizationId: access.organizationId,
        actorId: options.audit.userId,
        caseId: row.id,
        entity: 'case_status_change',
        entityId: null,
        action: 'read',
        fields: ['note'],
        breakGlass: access.breakGlass,
      });
    }
    const history = changes.map((change) =>
      toStatusChange(change, decryptPersonText(keys, statusNoteContext(change.organizationId, change.id), change.noteEnc)),
    );
    return toCaseResponse(row, access, history);
  }
}
