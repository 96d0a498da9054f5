import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  historicDateBounds,
  historicDateFromBounds,
  type CaseNumberLookupRequest,
  type CaseNumberLookupResponse,
  type ChangeProceedingStatusRequest,
  type CreateProceedingRequest,
  type Proceeding,
  type ProceedingDetail,
  type ProceedingListResponse,
  type ProceedingStatus,
  type UpdateProceedingRequest,
} from '@lapata/contracts';
import type { VersionedKey } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService, type CaseAccessGrant } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ApiError, NotFoundError, StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { toForum } from '../forums/forum.mapper';
import { ForumRepository } from '../forums/forum.repository';
import { OrganizationKeyService } from '../keys/organization-key.service';
import { CaseKeyService } from '../people/case-key.service';
import { decryptPersonText, encryptPersonText } from '../people/person-fields';
import { decryptUserField } from '../users/user-fields';
import { viewerOf } from './caseload';
import { normaliseCaseNumber, proceedingFieldContext, statusNoteContext, type ProceedingColumn } from './proceeding-fields';
import { allowedNextStatuses, canMove } from './proceeding-status';
import { ProceedingRepository, type ProceedingColumns, type ProceedingRow, type StatusChangeRow } from './proceeding.repository';

/** The fields audit events name (never with values). */
const PROCEEDING_FIELDS = ['forumId', 'type', 'caseNumber', 'filed', 'counselIds', 'respondents', 'reliefSought', 'links'] as const;
const ENCRYPTED_FIELDS = ['caseNumber', 'respondents', 'reliefSought'] as const;

/** 409 for a status move the transition table does not list; `allowed` says what would be. */
export class IllegalTransitionError extends ApiError {
  constructor(override readonly allowed: readonly ProceedingStatus[]) {
    super(409, ErrorCode.IllegalTransition, 'The proceeding cannot move to this status from where it is now.', {
      to: ['Choose one of the allowed next statuses'],
    });
  }
}

type Keys = Awaited<ReturnType<CaseKeyService['allKeys']>>;
const toDay = (day: string) => new Date(`${day}T00:00:00Z`);
const fromDay = (date: Date) => date.toISOString().slice(0, 10);

@Injectable()
export class ProceedingService {
  constructor(
    private readonly access: AccessService,
    private readonly proceedings: ProceedingRepository,
    private readonly forums: ForumRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly organizationKeys: OrganizationKeyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async findByCase(actor: Actor, caseId: string): Promise<ProceedingListResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const rows = await this.proceedings.findByCase(caseId);
    const keys = await this.caseKeys.allKeys(caseId);
    const names = await this.counselNames(rows);
    for (const row of rows) await this.recordRead(actor, access, row.id, [...ENCRYPTED_FIELDS]);
    return { items: rows.map((row) => this.decrypt(row, keys, names)) };
  }

  async getById(actor: Actor, caseId: string, proceedingId: string): Promise<ProceedingDetail> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.proceedings.findInCase(caseId, proceedingId);
    if (!row) throw new NotFoundError();
    const keys = await this.caseKeys.allKeys(caseId);
    const changes = await this.proceedings.findStatusChanges(proceedingId);
    await this.recordRead(actor, access, row.id, [...ENCRYPTED_FIELDS, 'statusNotes']);
    return { ...this.decrypt(row, keys, await this.counselNames([row])), statusChanges: changes.map((change) => decryptChange(change, keys)) };
  }

  async create(actor: Actor, caseId: string, request: CreateProceedingRequest): Promise<ProceedingDetail> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const organizationId = access.organizationId;
    await this.validate(organizationId, caseId, null, request);
    const id = uuidv7();
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    await this.proceedings.create({
      id,
      organizationId,
      caseId,
      status: request.status,
      columns: await this.encrypt(organizationId, id, key, request),
      counselIds: request.counselIds,
    });
    await this.proceedings.recordStatusChange({
      id: uuidv7(),
      organizationId,
      proceedingId: id,
      fromStatus: null,
      toStatus: request.status,
      effectiveOn: toDay(request.filed ? historicDateBounds(request.filed).from : new Date().toISOString().slice(0, 10)),
      noteEnc: null,
      changedById: actor.userId,
    });
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'proceeding',
      entityId: id,
      action: 'create',
      fields: [...PROCEEDING_FIELDS, 'status'],
      breakGlass: access.breakGlass,
    });
    return this.answerWithoutAudit(caseId, id);
  }

  async update(actor: Actor, caseId: string, proceedingId: string, request: UpdateProceedingRequest): Promise<ProceedingDetail> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const organizationId = access.organizationId;
    const existing = await this.proceedings.findInCase(caseId, proceedingId);
    if (!existing) throw new NotFoundError();
    if (existing.version !== request.version) throw new StaleVersionError(existing.version);
    await this.validate(organizationId, caseId, proceedingId, request);
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    if (!(await this.proceedings.update(proceedingId, request.version, await this.encrypt(organizationId, proceedingId, key, request)))) {
      throw new StaleVersionError((await this.proceedings.currentVersion(proceedingId)) ?? existing.version);
    }
    await this.proceedings.replaceCounsel(organizationId, proceedingId, request.counselIds);
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'proceeding',
      entityId: proceedingId,
      action: 'update',
      fields: [...PROCEEDING_FIELDS],
      breakGlass: access.breakGlass,
    });
    // The answer also carries the status notes, which this request did not write.
    await this.recordRead(actor, access, proceedingId, ['statusNotes']);
    return this.answerWithoutAudit(caseId, proceedingId);
  }

  async changeStatus(actor: Actor, caseId: string, proceedingId: string, request: ChangeProceedingStatusRequest): Promise<ProceedingDetail> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.proceedings.findInCase(caseId, proceedingId);
    if (!existing) throw new NotFoundError();
    if (existing.version !== request.version) throw new StaleVersionError(existing.version);
    if (!canMove(existing.status, request.to)) throw new IllegalTransitionError(allowedNextStatuses(existing.status));
    await this.moveStatus(actor, access, existing, request.to, request.effectiveOn, request.note);
    // The answer carries the whole proceeding, decrypted: a read as well as the change.
    await this.recordRead(actor, access, proceedingId, [...ENCRYPTED_FIELDS, 'statusNotes']);
    return this.answerWithoutAudit(caseId, proceedingId);
  }

  /**
   * Exact lookup by case number over the organisation's proceedings the actor works on (the blind
   * index of the normalised number; nothing is decrypted). Audited as a lookup, without the number.
   */
  async lookupByCaseNumber(actor: Actor, request: CaseNumberLookupRequest): Promise<CaseNumberLookupResponse> {
    const organizationId = this.access.require(actor, Permission.CaseList);
    const index = await this.caseNumberIndex(organizationId, request.caseNumber);
    if (index === null) throw new ValidationError({ caseNumber: ['Enter the case number'] });
    const rows = await this.proceedings.findByCaseNumber(organizationId, index, viewerOf(actor), new Date());
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: null,
      entity: 'proceeding',
      entityId: null,
      action: 'lookup',
      fields: ['caseNumber'],
    });
    return {
      items: rows.map((row) => ({
        proceedingId: row.id,
        caseId: row.caseId,
        caseReference: row.case.reference,
        type: row.type,
        forumName: row.forum.name,
        status: row.status,
      })),
    };
  }

  /**
   * Moves a proceeding the caller already holds (after its own access check) along the
   * transition table, recording who, when, the effective day and the encrypted note; audited.
   * Used by the status route and by hearing events.
   */
  async moveStatus(
    actor: Actor,
    access: CaseAccessGrant,
    proceeding: { id: string; caseId: string; status: ProceedingStatus; version: number },
    to: ProceedingStatus,
    effectiveOn: string,
    note: string | null,
  ): Promise<void> {
    if (!canMove(proceeding.status, to)) throw new IllegalTransitionError(allowedNextStatuses(proceeding.status));
    const organizationId = access.organizationId;
    if (!(await this.proceedings.moveStatus(proceeding.id, proceeding.version, to))) {
      throw new StaleVersionError((await this.proceedings.currentVersion(proceeding.id)) ?? proceeding.version);
    }
    const changeId = uuidv7();
    const key = await this.caseKeys.currentKey(organizationId, proceeding.caseId);
    await this.proceedings.recordStatusChange({
      id: changeId,
      organizationId,
      proceedingId: proceeding.id,
      fromStatus: proceeding.status,
      toStatus: to,
      effectiveOn: toDay(effectiveOn),
      noteEnc: encryptPersonText(key, statusNoteContext(organizationId, changeId), note),
      changedById: actor.userId,
    });
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: proceeding.caseId,
      entity: 'proceeding',
      entityId: proceeding.id,
      action: 'status',
      fields: note === null ? ['status', 'effectiveOn'] : ['status', 'effectiveOn', 'note'],
      breakGlass: access.breakGlass,
    });
  }

  /** The proceeding just written, answered to its writer; callers audit what the answer reveals beyond the write. */
  private async answerWithoutAudit(caseId: string, proceedingId: string): Promise<ProceedingDetail> {
    const row = await this.proceedings.findInCase(caseId, proceedingId);
    if (!row) throw new NotFoundError();
    const keys = await this.caseKeys.allKeys(caseId);
    const changes = await this.proceedings.findStatusChanges(proceedingId);
    return { ...this.decrypt(row, keys, await this.counselNames([row])), statusChanges: changes.map((change) => decryptChange(change, keys)) };
  }

  private async validate(
    organizationId: string,
    caseId: string,
    proceedingId: string | null,
    request: CreateProceedingRequest | UpdateProceedingRequest,
  ): Promise<void> {
    const fields: Record<string, string[]> = {};
    if (!(await this.forums.findForum(organizationId, request.forumId))) fields.forumId = ['Unknown forum'];
    const links = [
      ['appealsProceedingId', request.appealsProceedingId],
      ['transferredFromId', request.transferredFromId],
    ] as const;
    for (const [field, linked] of links) {
      if (linked === null) continue;
      if (linked === proceedingId) fields[field] = ['A proceeding cannot point to itself'];
      else if (!(await this.proceedings.existsInCase(caseId, linked))) fields[field] = ['Unknown proceeding in this case'];
    }
    if (request.appealsFilingId && request.appealsProceedingId && !fields.appealsProceedingId) {
      if (!(await this.proceedings.filingBelongsTo(request.appealsProceedingId, request.appealsFilingId))) {
        fields.appealsFilingId = ['Unknown order in the appealed proceeding'];
      }
    }
    const unique = [...new Set(request.counselIds)];
    if (unique.length !== request.counselIds.length) fields.counselIds = ['Each counsel only once'];
    else {
      const eligible = new Set(await this.proceedings.findEligibleCounsel(caseId, unique, new Date()));
      if (unique.some((id) => !eligible.has(id))) fields.counselIds = ['Counsel must be lawyers with access to this case'];
    }
    if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  }

  private async encrypt(
    organizationId: string,
    proceedingId: string,
    key: VersionedKey,
    request: CreateProceedingRequest | UpdateProceedingRequest,
  ): Promise<ProceedingColumns> {
    const context = (column: ProceedingColumn) => proceedingFieldContext(organizationId, proceedingId, column);
    const filed = request.filed ? historicDateBounds(request.filed) : null;
    return {
      forumId: request.forumId,
      type: request.type,
      caseNumberEnc: encryptPersonText(key, context('case_number_enc'), request.caseNumber),
      caseNumberBidx: await this.caseNumberIndex(organizationId, request.caseNumber),
      filedFrom: filed ? toDay(filed.from) : null,
      filedTo: filed ? toDay(filed.to) : null,
      filedPrecision: filed?.precision ?? null,
      respondentsEnc: encryptPersonText(key, context('respondents_enc'), request.respondents),
      reliefSoughtEnc: encryptPersonText(key, context('relief_sought_enc'), request.reliefSought),
      appealsProceedingId: request.appealsProceedingId,
      appealsFilingId: request.appealsFilingId,
      transferredFromId: request.transferredFromId,
    };
  }

  private async caseNumberIndex(organizationId: string, caseNumber: string | null): Promise<Uint8Array<ArrayBuffer> | null> {
    const normalised = caseNumber === null ? null : normaliseCaseNumber(caseNumber);
    if (normalised === null) return null;
    const organizationKey = await this.organizationKeys.currentKey(organizationId);
    const index = this.config.keys.blindIndex.forOrganisation(organizationId, organizationKey.key);
    return new Uint8Array(index.value('case-number', normalised));
  }

  private async counselNames(rows: ProceedingRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap((row) => row.counsel.map((counsel) => counsel.userId)))];
    const users = await this.proceedings.findUsers(ids);
    return new Map(users.map((user) => [user.id, decryptUserField(this.config.keys, user.id, 'display_name_enc', user.displayNameEnc)]));
  }

  private decrypt(row: ProceedingRow, keys: Keys, names: Map<string, string>): Proceeding {
    const context = (column: ProceedingColumn) => proceedingFieldContext(row.organizationId, row.id, column);
    return {
      id: row.id,
      caseId: row.caseId,
      forum: toForum(row.forum),
      type: row.type,
      caseNumber: decryptPersonText(keys, context('case_number_enc'), row.caseNumberEnc),
      filed:
        row.filedFrom && row.filedTo && row.filedPrecision
          ? historicDateFromBounds({ from: fromDay(row.filedFrom), to: fromDay(row.filedTo), precision: row.filedPrecision })
          : null,
      counsel: row.counsel.map((counsel) => ({ userId: counsel.userId, displayName: names.get(counsel.userId) ?? '' })),
      respondents: decryptPersonText(keys, context('respondents_enc'), row.respondentsEnc),
      reliefSought: decryptPersonText(keys, context('relief_sought_enc'), row.reliefSoughtEnc),
      status: row.status,
      allowedNextStatuses: allowedNextStatuses(row.status),
      appealsProceedingId: row.appealsProceedingId,
      appealsFilingId: row.appealsFilingId,
      transferredFromId: row.transferredFromId,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private async recordRead(actor: Actor, access: CaseAccessGrant, proceedingId: string, fields: string[]): Promise<void> {
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId: access.caseId,
      entity: 'proceeding',
      entityId: proceedingId,
      action: 'read',
      fields,
      breakGlass: access.breakGlass,
    });
  }
}

function decryptChange(change: StatusChangeRow, keys: Keys) {
  return {
    id: change.id,
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    effectiveOn: fromDay(change.effectiveOn),
    note: decryptPersonText(keys, statusNoteContext(change.organizationId, change.id), change.noteEnc),
    changedById: change.changedById,
    createdAt: change.createdAt.toISOString(),
  };
}
