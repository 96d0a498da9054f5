import { Injectable } from '@nestjs/common';
import type { GrantLevel, Locale, Role } from '@lapata/contracts';
import { PrismaClient } from '@lapata/db';
import { DatabaseContext } from '../../database/database-context';
import type { AudienceCase, AudienceMember } from './hearing-audience';
import type { PlannedReminder } from './reminder-schedule';

/** A hearing coming up, with what deciding its audience needs. */
export interface UpcomingHearing {
  id: string;
  scheduledAt: Date;
  audience: AudienceCase;
}

/** A person who may get reminders, as the users table and their membership of one organisation say. */
export interface ReminderRecipient extends AudienceMember {
  offsetsMinutes: number[];
  locale: Locale;
  emailEnc: Uint8Array;
}

export interface ClaimedReminder {
  id: string;
  hearingId: string;
  userId: string;
  offsetMinutes: number;
  scheduledFor: Date;
  attempts: number;
}

/** What a reminder says: the case reference, the forum, the moment. No names of people. */
export interface ReminderSubject {
  caseId: string;
  proceedingId: string;
  caseReference: string;
  forumName: string;
  scheduledAt: Date;
  timeZone: string;
  audience: AudienceCase;
}

const liveGrant = (now: Date) => ({ revokedAt: null, kind: 'GRANT' as const, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

/**
 * Reminder queries. They run in a transaction opened for ONE organisation (app.organization_id set,
 * no user), so row-level security limits them to that organisation's rows; only
 * `unsafeOrganizationsWithUpcomingHearings` looks across organisations, and it returns ids only.
 */
@Injectable()
export class ReminderRepository {
  constructor(
    private readonly db: DatabaseContext,
    private readonly prisma: PrismaClient,
  ) {}

  /**
   * Unscoped on purpose: the worker must learn which organisations to serve before it can act for
   * one. The SECURITY DEFINER function (see the hearing_reminders migration) returns ids only.
   */
  async unsafeOrganizationsWithUpcomingHearings(horizonMs: number): Promise<string[]> {
    const seconds = Math.ceil(horizonMs / 1000);
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      select reminder_organization_ids(make_interval(secs => ${seconds}::double precision)) as id`;
    return rows.map((row) => row.id);
  }

  async findUpcomingHearings(organizationId: string, now: Date, until: Date): Promise<UpcomingHearing[]> {
    const rows = await this.db.tx.hearing.findMany({
      // A hearing with an outcome has been dealt with: nobody needs reminding of it.
      where: { organizationId, scheduledAt: { gt: now, lte: until }, outcome: null },
      select: {
        id: true,
        scheduledAt: true,
        case: {
          select: {
            deletedAt: true,
            assignedCaseworkerId: true,
            grants: { where: liveGrant(now), select: { userId: true, level: true } },
          },
        },
        proceeding: { select: { counsel: { select: { userId: true } } } },
      },
    });
    return rows.map((row) => ({ id: row.id, scheduledAt: row.scheduledAt, audience: toAudience(row) }));
  }

  /** The people among `userIds`, with their membership of the organisation (if any). */
  async findRecipients(organizationId: string, userIds: string[]): Promise<Map<string, ReminderRecipient>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.tx.user.findMany({
      where: { id: { in: userIds } },
      select: {
        id: true,
        status: true,
        locale: true,
        emailEnc: true,
        reminderOffsetsMin: true,
        familyRemindersOptIn: true,
        memberships: { where: { organizationId }, select: { role: true, disabledAt: true } },
      },
    });
    return new Map(
      rows.map((row) => {
        const membership = row.memberships[0];
        return [
          row.id,
          {
            id: row.id,
            active: row.status === 'ACTIVE',
            membership: membership ? { role: membership.role as Role, disabled: membership.disabledAt !== null } : null,
            familyOptIn: row.familyRemindersOptIn,
            offsetsMinutes: row.reminderOffsetsMin,
            locale: row.locale === 'ur' ? 'ur' : 'en',
            emailEnc: row.emailEnc,
          },
        ];
      }),
    );
  }

  /** Adds what is missing; an existing row (sent or not) for the same key is left alone. */
  async insertPlanned(organizationId: string, hearingId: string, planned: PlannedReminder[]): Promise<number> {
    if (planned.length === 0) return 0;
    const result = await this.db.tx.reminderDelivery.createMany({
      data: planned.map((reminder) => ({
        organizationId,
        hearingId,
        userId: reminder.userId,
        offsetMinutes: reminder.offsetMinutes,
        scheduledFor: reminder.scheduledFor,
        nextAttemptAt: reminder.scheduledFor,
      })),
      skipDuplicates: true,
    });
    return result.count;
  }

  /** Reminders of these hearings not sent yet and not given up. */
  findPending(hearingIds: string[]): Promise<(ClaimedReminder & { hearingId: string })[]> {
    if (hearingIds.length === 0) return Promise.resolve([]);
    return this.db.tx.reminderDelivery.findMany({
      where: { hearingId: { in: hearingIds }, sentAt: null, failedAt: null },
      select: { id: true, hearingId: true, userId: true, offsetMinutes: true, scheduledFor: true, attempts: true },
    });
  }

  /**
   * Drops reminders nobody should get any more (the hearing moved, the person lost access or
   * changed their offsets). A row being sent right now is locked: this waits for it and, once it is
   * marked sent, no longer matches `sentAt: null`.
   */
  async deletePending(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db.tx.reminderDelivery.deleteMany({ where: { id: { in: ids }, sentAt: null } });
    return result.count;
  }

  /**
   * Takes the next due reminder of the organisation and keeps it locked until the transaction
   * ends; another worker skips it (SKIP LOCKED) rather than waiting, and once this one commits the
   * row is sent (or rescheduled) and no longer due.
   */
  async claimNextDue(organizationId: string, now: Date): Promise<ClaimedReminder | null> {
    const rows = await this.db.tx.$queryRaw<ClaimedReminder[]>`
      select d.id, d.hearing_id as "hearingId", d.user_id as "userId", d.offset_minutes as "offsetMinutes",
             d.scheduled_for as "scheduledFor", d.attempts
      from reminder_deliveries d join hearings h on h.id = d.hearing_id
      where d.organization_id = ${organizationId}::uuid and d.sent_at is null and d.failed_at is null
        and d.next_attempt_at <= ${now} and h.scheduled_at > ${now} and h.outcome is null
      order by d.next_attempt_at
      limit 1
      for update of d skip locked`;
    return rows[0] ?? null;
  }

  async findSubject(hearingId: string, now: Date): Promise<ReminderSubject | null> {
    const row = await this.db.tx.hearing.findUnique({
      where: { id: hearingId },
      select: {
        caseId: true,
        proceedingId: true,
        scheduledAt: true,
        timeZone: true,
        case: {
          select: {
            reference: true,
            deletedAt: true,
            assignedCaseworkerId: true,
            grants: { where: liveGrant(now), select: { userId: true, level: true } },
          },
        },
        proceeding: { select: { counsel: { select: { userId: true } }, forum: { select: { name: true, timeZone: true } } } },
      },
    });
    if (!row) return null;
    return {
      caseId: row.caseId,
      proceedingId: row.proceedingId,
      caseReference: row.case.reference,
      forumName: row.proceeding.forum.name,
      scheduledAt: row.scheduledAt,
      timeZone: row.proceeding.forum.timeZone ?? row.timeZone,
      audience: toAudience(row),
    };
  }

  async markSent(id: string, attempts: number, now: Date): Promise<void> {
    await this.db.tx.reminderDelivery.update({ where: { id }, data: { sentAt: now, attempts, lastError: null } });
  }

  /** `error` is a fixed description, never the SMTP server's words (they can quote the address). */
  async markFailed(id: string, update: { attempts: number; error: string; nextAttemptAt: Date; givenUpAt: Date | null }): Promise<void> {
    await this.db.tx.reminderDelivery.update({
      where: { id },
      data: { attempts: update.attempts, lastError: update.error, nextAttemptAt: update.nextAttemptAt, failedAt: update.givenUpAt },
    });
  }
}

function toAudience(row: {
  case: { deletedAt: Date | null; assignedCaseworkerId: string | null; grants: { userId: string; level: GrantLevel }[] };
  proceeding: { counsel: { userId: string }[] };
}): AudienceCase {
  return {
    deleted: row.case.deletedAt !== null,
    assignedCaseworkerId: row.case.assignedCaseworkerId,
    grants: row.case.grants,
    counselIds: row.proceeding.counsel.map((counsel) => counsel.userId),
  };
}
