import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { hearingReminderMail } from '../mail/templates/hearing-reminder';
import { decryptUserField } from '../users/user-fields';
import { candidateIds, mayHearAbout } from './hearing-audience';
import { ReminderRepository } from './reminder.repository';
import { PLANNING_HORIZON_MS, plannedReminders, reminderKey, retryDelayMs } from './reminder-schedule';

/** At most this many reminders per organisation per round, so one busy organisation cannot starve the rest. */
const BATCH_PER_ORGANISATION = 50;
/** Long enough for an SMTP hand-over with its own timeouts (5 s + 5 s + 10 s). */
const SEND_TRANSACTION_TIMEOUT_MS = 30_000;

export interface RoundResult {
  planned: number;
  dropped: number;
  sent: number;
  failed: number;
}

/**
 * Hearing reminders, with reminder_deliveries as the queue (an outbox): planning writes one row per
 * hearing × person × offset × moment (the unique key stops duplicates), sending claims due rows
 * with `FOR UPDATE SKIP LOCKED` and marks them sent in the same transaction. Every transaction acts
 * for ONE organisation, so row-level security holds for all of it. See docs/reminders.md.
 */
@Injectable()
export class ReminderService {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly reminders: ReminderRepository,
    private readonly db: DatabaseContext,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * One round over every organisation with hearings coming up. `keepGoing` is asked between
   * reminders (the worker says no once the application is stopping). A failing organisation is
   * logged and skipped; the next round tries it again.
   */
  async runRound(now = new Date(), keepGoing: () => boolean = () => true): Promise<RoundResult> {
    const total: RoundResult = { planned: 0, dropped: 0, sent: 0, failed: 0 };
    const organizations = await this.reminders.unsafeOrganizationsWithUpcomingHearings(PLANNING_HORIZON_MS);
    for (const organizationId of organizations) {
      if (!keepGoing()) break;
      try {
        const planned = await this.planOrganization(organizationId, now);
        total.planned += planned.planned;
        total.dropped += planned.dropped;
        for (let i = 0; i < BATCH_PER_ORGANISATION && keepGoing(); i++) {
          const outcome = await this.sendNext(organizationId);
          if (outcome === 'none') break;
          if (outcome === 'sent') total.sent += 1;
          if (outcome === 'failed') total.failed += 1;
          if (outcome === 'dropped') total.dropped += 1;
        }
      } catch (error) {
        this.logger.error({ err: error }, 'Reminders of one organisation failed this round');
      }
    }
    return total;
  }

  /**
   * Brings the organisation's queue in line with its hearings: adds the reminders now due to be
   * planned and drops pending ones nobody should get (a moved hearing's old moments, lost access,
   * changed offsets). Reminders already sent stay: a hearing moved to another moment gets new rows,
   * since the moment is part of the key.
   */
  async planOrganization(organizationId: string, now: Date): Promise<{ planned: number; dropped: number }> {
    return this.db.run({ organizationId }, async () => {
      const hearings = await this.reminders.findUpcomingHearings(organizationId, now, new Date(now.getTime() + PLANNING_HORIZON_MS));
      const people = await this.reminders.findRecipients(organizationId, [...new Set(hearings.flatMap((h) => candidateIds(h.audience)))]);
      const wanted = new Set<string>();
      let planned = 0;
      for (const hearing of hearings) {
        const audience = candidateIds(hearing.audience)
          .map((id) => people.get(id))
          .filter((person) => person !== undefined && mayHearAbout(hearing.audience, person));
        const plan = (includeLate: boolean) =>
          audience.flatMap((person) =>
            plannedReminders({ userId: person!.id, hearingAt: hearing.scheduledAt, offsetsMinutes: person!.offsetsMinutes, now, includeLate }),
          );
        for (const reminder of plan(true)) wanted.add(reminderKey(hearing.id, reminder));
        planned += await this.reminders.insertPlanned(organizationId, hearing.id, plan(false));
      }
      const pending = await this.reminders.findPending(hearings.map((hearing) => hearing.id));
      const obsolete = pending.filter((row) => !wanted.has(reminderKey(row.hearingId, row)));
      const dropped = await this.reminders.deletePending(obsolete.map((row) => row.id));
      return { planned, dropped };
    });
  }

  /**
   * Claims, checks and sends one due reminder of the organisation. The row stays locked during the
   * SMTP hand-over and is marked sent in the same transaction: two workers never send it both. If
   * the process dies after the SMTP server accepted the mail but before the commit, the row is
   * still unsent and goes out again (at least once; see docs/reminders.md).
   */
  async sendNext(organizationId: string): Promise<'none' | 'sent' | 'failed' | 'dropped'> {
    return this.db.run(
      { organizationId },
      async () => {
        const now = new Date();
        const claimed = await this.reminders.claimNextDue(organizationId, now);
        if (!claimed) return 'none';
        const subject = await this.reminders.findSubject(claimed.hearingId, now);
        const person = (await this.reminders.findRecipients(organizationId, [claimed.userId])).get(claimed.userId);
        // Checked again at send time: access may have ended, the hearing moved, the offsets changed.
        const stillWanted =
          subject !== null &&
          person !== undefined &&
          candidateIds(subject.audience).includes(person.id) &&
          mayHearAbout(subject.audience, person) &&
          person.offsetsMinutes.includes(claimed.offsetMinutes) &&
          subject.scheduledAt.getTime() - claimed.offsetMinutes * 60_000 === claimed.scheduledFor.getTime();
        if (!stillWanted) {
          await this.reminders.deletePending([claimed.id]);
          return 'dropped';
        }
        const attempts = claimed.attempts + 1;
        const content = hearingReminderMail({
          locale: person.locale,
          caseReference: subject.caseReference,
          forumName: subject.forumName,
          scheduledAt: subject.scheduledAt,
          timeZone: subject.timeZone,
          // The hearing's entry on its proceeding's page (opaque ids only; the page needs a sign-in).
          link: `${this.config.publicUrl}/${person.locale}/cases/${subject.caseId}/proceedings/${subject.proceedingId}#hearing-${claimed.hearingId}`,
        });
        const fail = async (error: string) => {
          const givenUp = attempts >= this.config.reminderMaxAttempts;
          await this.reminders.markFailed(claimed.id, {
            attempts,
            error,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
            givenUpAt: givenUp ? now : null,
          });
          if (givenUp) this.logger.warn(`A hearing reminder was given up after ${attempts} attempts`);
          return 'failed' as const;
        };
        let to: string;
        try {
          to = decryptUserField(this.config.keys, person.id, 'email_enc', person.emailEnc);
        } catch {
          return fail('The recipient address could not be decrypted');
        }
        try {
          await this.mail.send({ to, ...content });
        } catch {
          // MailService has logged the failure without personal data; the row records a fixed text.
          return fail('The mail could not be handed to the SMTP server');
        }
        await this.reminders.markSent(claimed.id, attempts, new Date());
        await this.audit.record({
          organizationId,
          actorId: null,
          caseId: subject.caseId,
          entity: 'reminder_delivery',
          entityId: claimed.id,
          action: 'send',
          fields: ['caseReference', 'forum', 'scheduledAt'],
        });
        return 'sent';
      },
      { timeout: SEND_TRANSACTION_TIMEOUT_MS },
    );
  }
}
