import { Injectable } from '@nestjs/common';
import {
  utcToZonedTime,
  zonedTimeToUtc,
  type CreateHearingRequest,
  type Hearing,
  type HearingListResponse,
  type HearingOutcomeResponse,
  type HearingWarning,
  type HearingWriteResponse,
  type RecordHearingOutcomeRequest,
  type UpdateHearingRequest,
} from '@lapata/contracts';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService, type CaseAccessGrant } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { NotFoundError, StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { AuditService } from '../audit/audit.service';
import { forumTimeZone } from '../forums/forum.mapper';
import { CaseKeyService } from '../people/case-key.service';
import { decryptPersonText, encryptPersonText } from '../people/person-fields';
import { statusAfterHearingEvent } from '../proceedings/proceeding-status';
import { ProceedingService } from '../proceedings/proceeding.service';
import { hearingFieldContext, type HearingColumn } from './hearing-fields';
import { viewerOf } from '../proceedings/caseload';
import { HearingRepository, type HearingProceedingRow, type HearingRow } from './hearing.repository';

const HEARING_FIELDS = ['scheduledAt', 'timeZone', 'courtRoom', 'bench', 'judge', 'purpose'] as const;
type Keys = Awaited<ReturnType<CaseKeyService['allKeys']>>;

@Injectable()
export class HearingService {
  constructor(
    private readonly access: AccessService,
    private readonly hearings: HearingRepository,
    private readonly proceedings: ProceedingService,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditService,
  ) {}

  async findByProceeding(actor: Actor, caseId: string, proceedingId: string): Promise<HearingListResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    if (!(await this.hearings.findProceeding(caseId, proceedingId))) throw new NotFoundError();
    const rows = await this.hearings.findByProceeding(proceedingId);
    const keys = await this.caseKeys.allKeys(caseId);
    for (const row of rows) await this.recordRead(actor, access, row);
    return { items: rows.map((row) => decrypt(row, keys)) };
  }

  /** Every hearing of the case, by proceeding (for a page that shows the whole case). */
  async findByCase(actor: Actor, caseId: string): Promise<Hearing[]> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const rows = await this.hearings.findByCase(caseId);
    const keys = await this.caseKeys.allKeys(caseId);
    for (const row of rows) await this.recordRead(actor, access, row);
    return rows.map((row) => decrypt(row, keys));
  }

  async getById(actor: Actor, caseId: string, hearingId: string): Promise<Hearing> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.hearings.findInCase(caseId, hearingId);
    if (!row) throw new NotFoundError();
    await this.recordRead(actor, access, row);
    return decrypt(row, await this.caseKeys.allKeys(caseId));
  }

  async create(actor: Actor, caseId: string, proceedingId: string, request: CreateHearingRequest): Promise<HearingWriteResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const proceeding = await this.hearings.findProceeding(caseId, proceedingId);
    if (!proceeding) throw new NotFoundError();
    const now = new Date();
    const hearing = await this.insert(actor, access, proceeding, request, null);
    await this.followHearingEvent(actor, access, proceeding, hearing, hearing.scheduledAt > now ? { nextDateFixed: true } : { nextDateFixed: false, adjourned: false }, now);
    return { hearing: decrypt(hearing, await this.caseKeys.allKeys(caseId)), warnings: await this.warnings(actor, proceeding, hearing, now) };
  }

  async update(actor: Actor, caseId: string, hearingId: string, request: UpdateHearingRequest): Promise<HearingWriteResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.hearings.findInCase(caseId, hearingId);
    if (!existing) throw new NotFoundError();
    if (existing.version !== request.version) throw new StaleVersionError(existing.version);
    const proceeding = await this.hearings.findProceeding(caseId, existing.proceedingId);
    if (!proceeding) throw new NotFoundError();
    const scheduledAt = zonedTimeToUtc(request.localDateTime, existing.timeZone);
    if (existing.previousHearingId) await this.refuseBeforePrevious(caseId, existing.previousHearingId, scheduledAt, 'localDateTime');
    if (existing.nextHearing) {
      const next = await this.hearings.findInCase(caseId, existing.nextHearing.id);
      if (next && next.scheduledAt <= scheduledAt) {
        throw new ValidationError({ localDateTime: ['This hearing must stay before the next date fixed at it'] });
      }
    }
    const key = await this.caseKeys.currentKey(access.organizationId, caseId);
    const row = await this.hearings.update(hearingId, request.version, {
      scheduledAt,
      timeZone: existing.timeZone,
      courtRoom: request.courtRoom,
      bench: request.bench,
      judge: request.judge,
      purposeEnc: encryptPersonText(key, hearingFieldContext(access.organizationId, hearingId, 'purpose_enc'), request.purpose),
    });
    if (!row) throw new StaleVersionError((await this.hearings.currentVersion(hearingId)) ?? existing.version);
    await this.recordWrite(actor, access, row, 'update', [...HEARING_FIELDS]);
    // The answer also carries the order summary, which this request did not write.
    if (row.orderSummaryEnc) await this.recordWrite(actor, access, row, 'read', ['orderSummary']);
    const now = new Date();
    return { hearing: decrypt(row, await this.caseKeys.allKeys(caseId)), warnings: await this.warnings(actor, proceeding, row, now) };
  }

  /**
   * What happened at a hearing, and the next date if the bench fixed one: the next hearing is
   * created in the same transaction, linked back, and the proceeding moves as the table allows.
   */
  async recordOutcome(actor: Actor, caseId: string, hearingId: string, request: RecordHearingOutcomeRequest): Promise<HearingOutcomeResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.hearings.findInCase(caseId, hearingId);
    if (!existing) throw new NotFoundError();
    if (existing.version !== request.version) throw new StaleVersionError(existing.version);
    const now = new Date();
    if (existing.scheduledAt > now) {
      throw new ValidationError({ outcome: ['This hearing has not taken place yet: record its outcome on or after its date'] });
    }
    const nextAt = request.nextLocalDateTime === null ? null : zonedTimeToUtc(request.nextLocalDateTime, existing.timeZone);
    if (nextAt && nextAt <= existing.scheduledAt) {
      throw new ValidationError({ nextLocalDateTime: ['The next date must be after this hearing'] });
    }
    if (nextAt && existing.nextHearing) {
      throw new ValidationError({ nextLocalDateTime: ['This hearing already has a next date: change that hearing instead'] });
    }
    const proceeding = await this.hearings.findProceeding(caseId, existing.proceedingId);
    if (!proceeding) throw new NotFoundError();
    const key = await this.caseKeys.currentKey(access.organizationId, caseId);
    const row = await this.hearings.update(hearingId, request.version, {
      outcome: request.outcome,
      outcomeRecordedAt: now,
      orderSummaryEnc: encryptPersonText(key, hearingFieldContext(access.organizationId, hearingId, 'order_summary_enc'), request.orderSummary),
    });
    if (!row) throw new StaleVersionError((await this.hearings.currentVersion(hearingId)) ?? existing.version);
    await this.recordWrite(actor, access, row, 'outcome', ['outcome', 'orderSummary']);

    let next: HearingRow | null = null;
    if (request.nextLocalDateTime !== null) {
      next = await this.insert(
        actor,
        access,
        proceeding,
        { localDateTime: request.nextLocalDateTime, courtRoom: row.courtRoom, bench: row.bench, judge: null, purpose: request.nextPurpose },
        row,
      );
    }
    // Adjourned with no date fixed: only if no later hearing is already on the calendar.
    const adjourned =
      (request.outcome === 'ADJOURNED' || request.outcome === 'NOT_TAKEN_UP') && !(await this.hearings.hasFutureHearing(proceeding.id, now));
    await this.followHearingEvent(
      actor,
      access,
      proceeding,
      row,
      next && next.scheduledAt > now ? { nextDateFixed: true } : { nextDateFixed: false, adjourned: adjourned && !next },
      now,
    );
    const keys = await this.caseKeys.allKeys(caseId);
    const answered = (await this.hearings.findInCase(caseId, hearingId))!;
    // The answer also carries the purpose, which this request did not write.
    if (answered.purposeEnc) await this.recordWrite(actor, access, answered, 'read', ['purpose']);
    return {
      hearing: decrypt(answered, keys),
      nextHearing: next ? decrypt(next, keys) : null,
      warnings: next ? await this.warnings(actor, proceeding, next, now) : [],
    };
  }

  private async insert(
    actor: Actor,
    access: CaseAccessGrant,
    proceeding: HearingProceedingRow,
    request: CreateHearingRequest,
    previous: HearingRow | null,
  ): Promise<HearingRow> {
    const timeZone = previous?.timeZone ?? forumTimeZone(proceeding.forum);
    const id = uuidv7();
    const key = await this.caseKeys.currentKey(access.organizationId, proceeding.caseId);
    const row = await this.hearings.create({
      id,
      organizationId: access.organizationId,
      caseId: proceeding.caseId,
      proceedingId: proceeding.id,
      previousHearingId: previous?.id ?? null,
      columns: {
        scheduledAt: zonedTimeToUtc(request.localDateTime, timeZone),
        timeZone,
        courtRoom: request.courtRoom,
        bench: request.bench,
        judge: request.judge,
        purposeEnc: encryptPersonText(key, hearingFieldContext(access.organizationId, id, 'purpose_enc'), request.purpose),
      },
    });
    await this.recordWrite(actor, access, row, 'create', [...HEARING_FIELDS, ...(previous ? ['previousHearingId'] : [])]);
    return row;
  }

  private async refuseBeforePrevious(caseId: string, previousId: string, scheduledAt: Date, field: string): Promise<void> {
    const previous = await this.hearings.findInCase(caseId, previousId);
    if (previous && scheduledAt <= previous.scheduledAt) {
      throw new ValidationError({ [field]: ['The next date must be after the hearing that fixed it'] });
    }
  }

  /** Moves the proceeding (through the one transition table) when a hearing event calls for it. */
  private async followHearingEvent(
    actor: Actor,
    access: CaseAccessGrant,
    proceeding: HearingProceedingRow,
    hearing: HearingRow,
    event: Parameters<typeof statusAfterHearingEvent>[1],
    now: Date,
  ): Promise<void> {
    const to = statusAfterHearingEvent(proceeding.status, event);
    if (to === null) return;
    // The day it happened at the forum: the hearing's day, or today for a date fixed ahead.
    const when = hearing.scheduledAt < now ? hearing.scheduledAt : now;
    const effectiveOn = utcToZonedTime(when, hearing.timeZone).slice(0, 10);
    await this.proceedings.moveStatus(actor, access, proceeding, to, effectiveOn, null);
  }

  private async warnings(actor: Actor, proceeding: HearingProceedingRow, hearing: HearingRow, now: Date): Promise<HearingWarning[]> {
    const overlaps = await this.hearings.findCounselOverlaps({
      counselIds: proceeding.counsel.map((counsel) => counsel.userId),
      scheduledAt: hearing.scheduledAt,
      excludeHearingId: hearing.id,
      viewer: viewerOf(actor),
      now,
    });
    return overlaps.map((overlap) =>
      overlap.visible ? { code: 'COUNSEL_OVERLAP', hearingId: overlap.id, caseReference: overlap.caseReference } : { code: 'COUNSEL_OVERLAP' },
    );
  }

  private async recordRead(actor: Actor, access: CaseAccessGrant, row: HearingRow): Promise<void> {
    await this.recordWrite(actor, access, row, 'read', ['purpose', 'orderSummary']);
  }

  private async recordWrite(actor: Actor, access: CaseAccessGrant, row: HearingRow, action: string, fields: string[]): Promise<void> {
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId: row.caseId,
      entity: 'hearing',
      entityId: row.id,
      action,
      fields,
      breakGlass: access.breakGlass,
    });
  }
}

function decrypt(row: HearingRow, keys: Keys): Hearing {
  const context = (column: HearingColumn) => hearingFieldContext(row.organizationId, row.id, column);
  return {
    id: row.id,
    caseId: row.caseId,
    proceedingId: row.proceedingId,
    scheduledAt: row.scheduledAt.toISOString(),
    timeZone: row.timeZone,
    localDateTime: utcToZonedTime(row.scheduledAt, row.timeZone),
    courtRoom: row.courtRoom,
    bench: row.bench,
    judge: row.judge,
    purpose: decryptPersonText(keys, context('purpose_enc'), row.purposeEnc),
    outcome: row.outcome,
    outcomeRecordedAt: row.outcomeRecordedAt?.toISOString() ?? null,
    orderSummary: decryptPersonText(keys, context('order_summary_enc'), row.orderSummaryEnc),
    previousHearingId: row.previousHearingId,
    nextHearingId: row.nextHearing?.id ?? null,
    version: row.version,
  };
}
