import { Injectable } from '@nestjs/common';
import type { HearingOutcome, ProceedingStatus, ProceedingType } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';
import { forumSelect, type ForumRow } from '../forums/forum.mapper';
import { caseloadWhere, type Viewer } from '../proceedings/caseload';

export type { Viewer };

type Bytes = Uint8Array<ArrayBuffer>;

export interface HearingColumns {
  scheduledAt: Date;
  timeZone: string;
  courtRoom: string | null;
  bench: string | null;
  judge: string | null;
  purposeEnc: Bytes | null;
}

export interface HearingRow extends HearingColumns {
  id: string;
  organizationId: string;
  caseId: string;
  proceedingId: string;
  outcome: HearingOutcome | null;
  outcomeRecordedAt: Date | null;
  orderSummaryEnc: Bytes | null;
  previousHearingId: string | null;
  version: number;
  nextHearing: { id: string } | null;
}

/** The parts of a hearing's proceeding that hearing use cases need. */
export interface HearingProceedingRow {
  id: string;
  caseId: string;
  status: ProceedingStatus;
  version: number;
  forum: ForumRow;
  counsel: { userId: string }[];
}

/** A hearing as the calendar shows it: nothing encrypted. */
export interface CalendarRow {
  id: string;
  caseId: string;
  proceedingId: string;
  scheduledAt: Date;
  timeZone: string;
  outcome: HearingOutcome | null;
  case: { reference: string };
  proceeding: { type: ProceedingType; forum: { name: string } };
}

export interface StaleProceedingRow {
  id: string;
  caseId: string;
  type: ProceedingType;
  status: ProceedingStatus;
  case: { reference: string };
  forum: { name: string };
}

const hearingSelect = {
  id: true,
  organizationId: true,
  caseId: true,
  proceedingId: true,
  scheduledAt: true,
  timeZone: true,
  courtRoom: true,
  bench: true,
  judge: true,
  purposeEnc: true,
  outcome: true,
  outcomeRecordedAt: true,
  orderSummaryEnc: true,
  previousHearingId: true,
  version: true,
  nextHearing: { select: { id: true } },
} as const;

const calendarSelect = {
  id: true,
  caseId: true,
  proceedingId: true,
  scheduledAt: true,
  timeZone: true,
  outcome: true,
  case: { select: { reference: true } },
  proceeding: { select: { type: true, forum: { select: { name: true } } } },
} as const;

/** How long a hearing is taken to occupy counsel, for overlap warnings. */
export const HEARING_SLOT_MS = 2 * 60 * 60 * 1000;

@Injectable()
export class HearingRepository {
  constructor(private readonly db: DatabaseContext) {}

  findProceeding(caseId: string, proceedingId: string): Promise<HearingProceedingRow | null> {
    return this.db.tx.proceeding.findFirst({
      where: { id: proceedingId, caseId },
      select: { id: true, caseId: true, status: true, version: true, forum: { select: forumSelect }, counsel: { select: { userId: true } } },
    });
  }

  findByProceeding(proceedingId: string): Promise<HearingRow[]> {
    return this.db.tx.hearing.findMany({
      where: { proceedingId },
      orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
      select: hearingSelect,
    }) as Promise<HearingRow[]>;
  }

  /** Every hearing of the case, by proceeding and then date. */
  findByCase(caseId: string): Promise<HearingRow[]> {
    return this.db.tx.hearing.findMany({
      where: { caseId },
      orderBy: [{ proceedingId: 'asc' }, { scheduledAt: 'asc' }, { id: 'asc' }],
      select: hearingSelect,
    }) as Promise<HearingRow[]>;
  }

  /** The hearing, only within this case. */
  findInCase(caseId: string, hearingId: string): Promise<HearingRow | null> {
    return this.db.tx.hearing.findFirst({ where: { id: hearingId, caseId }, select: hearingSelect }) as Promise<HearingRow | null>;
  }

  async create(input: {
    id: string;
    organizationId: string;
    caseId: string;
    proceedingId: string;
    previousHearingId: string | null;
    columns: HearingColumns;
  }): Promise<HearingRow> {
    const { columns, ...rest } = input;
    return (await this.db.tx.hearing.create({ data: { ...rest, ...columns }, select: hearingSelect })) as HearingRow;
  }

  /** Writes only if the row is still at `expectedVersion`; null when it is not. */
  async update(id: string, expectedVersion: number, data: Partial<HearingColumns> & {
    outcome?: HearingOutcome;
    outcomeRecordedAt?: Date;
    orderSummaryEnc?: Bytes | null;
  }): Promise<HearingRow | null> {
    const { count } = await this.db.tx.hearing.updateMany({ where: { id, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) return null;
    return (await this.db.tx.hearing.findUniqueOrThrow({ where: { id }, select: hearingSelect })) as HearingRow;
  }

  async hasFutureHearing(proceedingId: string, now: Date): Promise<boolean> {
    return (await this.db.tx.hearing.count({ where: { proceedingId, scheduledAt: { gt: now } } })) > 0;
  }

  async currentVersion(id: string): Promise<number | null> {
    return (await this.db.tx.hearing.findUnique({ where: { id }, select: { version: true } }))?.version ?? null;
  }

  /**
   * Other hearings of the same counsel within a slot of `scheduledAt`, with whether the viewer
   * may see their case. Row-level security limits this to what the request may reach at all
   * (the case's organisation and the viewer's grants): a clash in another organisation's diary
   * stays invisible.
   */
  async findCounselOverlaps(input: {
    counselIds: string[];
    scheduledAt: Date;
    excludeHearingId: string;
    viewer: Viewer;
    now: Date;
  }): Promise<{ id: string; caseReference: string; visible: boolean }[]> {
    if (input.counselIds.length === 0) return [];
    const rows = await this.db.tx.hearing.findMany({
      where: {
        id: { not: input.excludeHearingId },
        scheduledAt: { gt: new Date(input.scheduledAt.getTime() - HEARING_SLOT_MS), lt: new Date(input.scheduledAt.getTime() + HEARING_SLOT_MS) },
        proceeding: { counsel: { some: { userId: { in: input.counselIds } } } },
        case: { deletedAt: null },
      },
      orderBy: { scheduledAt: 'asc' },
      select: { id: true, caseId: true, case: { select: { reference: true } } },
    });
    if (rows.length === 0) return [];
    const visible = await this.db.tx.case.findMany({
      where: { AND: [{ id: { in: rows.map((row) => row.caseId) } }, caseloadWhere(input.viewer, input.now)] },
      select: { id: true },
    });
    const visibleIds = new Set(visible.map((row) => row.id));
    return rows.map((row) => ({ id: row.id, caseReference: row.case.reference, visible: visibleIds.has(row.caseId) }));
  }

  /** The viewer's hearings between two instants, soonest first. One statement whatever the caseload. */
  findForViewer(viewer: Viewer, now: Date, range: { from: Date; to: Date; withoutOutcome?: boolean }, take = 500): Promise<CalendarRow[]> {
    return this.db.tx.hearing.findMany({
      where: {
        scheduledAt: { gte: range.from, lt: range.to },
        ...(range.withoutOutcome ? { outcome: null } : {}),
        case: caseloadWhere(viewer, now),
      },
      orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
      take,
      select: calendarSelect,
    }) as Promise<CalendarRow[]>;
  }

  /** Proceedings still before their forum (`statuses`) with no hearing after `now`. */
  findWithoutNextDate(viewer: Viewer, now: Date, statuses: readonly ProceedingStatus[], take = 200): Promise<StaleProceedingRow[]> {
    return this.db.tx.proceeding.findMany({
      where: {
        status: { in: [...statuses] },
        case: caseloadWhere(viewer, now),
        hearings: { none: { scheduledAt: { gte: now } } },
      },
      orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
      take,
      select: { id: true, caseId: true, type: true, status: true, case: { select: { reference: true } }, forum: { select: { name: true } } },
    });
  }
}
