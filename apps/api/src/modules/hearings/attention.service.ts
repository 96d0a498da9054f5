import { Injectable } from '@nestjs/common';
import { utcToZonedTime, type CalendarQuery, type CalendarResponse, type NeedsAttentionResponse } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { DatabaseContext } from '../../database/database-context';
import { AWAITING_HEARING } from '../proceedings/proceeding-status';
import { HearingRepository, type CalendarRow } from './hearing.repository';
import { viewerOf } from '../proceedings/caseload';

const ATTENTION_WINDOW_MS = 14 * 86_400_000;
/** How far back unrecorded outcomes are looked for: older gaps belong to back-filling, not to today's work. */
const OUTCOME_LOOKBACK_MS = 365 * 86_400_000;

/**
 * The signed-in user's own view across their caseload (account routes: no organisation needed,
 * an external lawyer has one too). Scoped in the query to the cases the user works on; nothing
 * encrypted is read, so no audit event is written. A fixed number of statements per request,
 * whatever the number of cases.
 */
@Injectable()
export class AttentionService {
  constructor(
    private readonly hearings: HearingRepository,
    private readonly db: DatabaseContext,
  ) {}

  async needsAttention(actor: Actor): Promise<NeedsAttentionResponse> {
    const now = new Date();
    const viewer = viewerOf(actor);
    const upcoming = await this.hearings.findForViewer(viewer, now, { from: now, to: new Date(now.getTime() + ATTENTION_WINDOW_MS) }, 100);
    const outcomeMissing = await this.hearings.findForViewer(
      viewer,
      now,
      { from: new Date(now.getTime() - OUTCOME_LOOKBACK_MS), to: now, withoutOutcome: true },
      100,
    );
    // Its generic plan starts from every awaiting proceeding rather than the user's cases: 5x slower at 100,000 cases.
    await this.db.planForActualValues();
    const withoutNextDate = await this.hearings.findWithoutNextDate(viewer, now, AWAITING_HEARING, 100);
    return {
      upcoming: upcoming.map(toCalendarHearing),
      outcomeMissing: outcomeMissing.map(toCalendarHearing),
      withoutNextDate: withoutNextDate.map((row) => ({
        id: row.id,
        caseId: row.caseId,
        caseReference: row.case.reference,
        type: row.type,
        forumName: row.forum.name,
        status: row.status,
      })),
    };
  }

  async calendar(actor: Actor, query: CalendarQuery): Promise<CalendarResponse> {
    const rows = await this.hearings.findForViewer(viewerOf(actor), new Date(), { from: new Date(query.from), to: new Date(query.to) });
    return { items: rows.map(toCalendarHearing) };
  }
}

function toCalendarHearing(row: CalendarRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    caseReference: row.case.reference,
    proceedingId: row.proceedingId,
    proceedingType: row.proceeding.type,
    forumName: row.proceeding.forum.name,
    scheduledAt: row.scheduledAt.toISOString(),
    timeZone: row.timeZone,
    localDateTime: utcToZonedTime(row.scheduledAt, row.timeZone),
    outcome: row.outcome,
  };
}
