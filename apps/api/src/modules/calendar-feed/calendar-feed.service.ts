import { Injectable } from '@nestjs/common';
import { CALENDAR_FEED_PAST_DAYS, type CalendarFeedCreated, type CalendarFeedStatus } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { NotFoundError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { AuditService } from '../audit/audit.service';
import { hashSecretToken, newSecretToken } from '../auth/session-token';
import { mayReadCase } from '../reminders/hearing-audience';
import { buildCalendar, type CalendarEntry } from './calendar-ics';
import { CalendarFeedRepository } from './calendar-feed.repository';

/** A feed token as newSecretToken makes it: 43 base64url characters. Anything else is not a feed. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A user's private calendar of hearings (ICS). The link carries a secret token, stored as its hash
 * only, shown once when made; making a new one revokes the old. Reading the feed needs no session:
 * the token stands for the user, and the hearings are those of cases the user can read NOW.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async status(actor: Actor): Promise<CalendarFeedStatus> {
    const live = await this.feeds.findLive(actor.userId);
    return { active: live !== null, createdAt: live?.createdAt.toISOString() ?? null };
  }

  async create(actor: Actor): Promise<CalendarFeedCreated> {
    await this.feeds.revokeAll(actor.userId, new Date());
    const { token, hash } = newSecretToken();
    const feed = await this.feeds.create(actor.userId, hash);
    return { url: `${this.config.publicUrl}/api/calendar/${token}.ics`, createdAt: feed.createdAt.toISOString() };
  }

  async revoke(actor: Actor): Promise<void> {
    await this.feeds.revokeAll(actor.userId, new Date());
  }

  /** The calendar behind a token; unknown, revoked or malformed tokens and disabled users answer 404. */
  async render(token: string): Promise<string> {
    if (!TOKEN_SHAPE.test(token)) throw new NotFoundError();
    const owner = await this.feeds.findLiveByTokenHash(hashSecretToken(token));
    if (!owner || !owner.active) throw new NotFoundError();
    const now = new Date();
    const from = new Date(now.getTime() - CALENDAR_FEED_PAST_DAYS * 86_400_000);
    const urdu = owner.locale === 'ur';

    // Act as the user to see their own memberships and grants, then as the user in each
    // organisation in turn. Where they are not an active member, no organisation is set, so
    // row-level security shows only the cases granted to them there.
    await this.db.actAs({ userId: owner.userId, organizationId: null });
    const organizations = await this.feeds.findReachableOrganizations(owner.userId, now);
    const entries: CalendarEntry[] = [];
    for (const [organizationId, membership] of organizations) {
      const member = membership !== null && !membership.disabled;
      await this.db.actAs({ userId: owner.userId, organizationId: member ? organizationId : null });
      const hearings = (await this.feeds.findHearings(organizationId, owner.userId, from, now)).filter((hearing) =>
        mayReadCase({ deleted: hearing.caseDeleted, grants: hearing.grants }, { id: owner.userId, active: true, membership }),
      );
      if (hearings.length === 0) continue;
      // The organisation's own forum kinds and its audit trail need the organisation set.
      if (!member) await this.db.actAs({ userId: owner.userId, organizationId });
      const kinds = await this.feeds.findForumKindNames([...new Set(hearings.map((hearing) => hearing.forumKindId))]);
      await this.audit.record({
        organizationId,
        actorId: owner.userId,
        caseId: null,
        entity: 'calendar_feed',
        entityId: owner.feedId,
        action: 'read',
        fields: ['caseReference', 'forumKind', 'scheduledAt'],
      });
      for (const hearing of hearings) {
        entries.push({
          hearingId: hearing.id,
          scheduledAt: hearing.scheduledAt,
          updatedAt: hearing.updatedAt,
          version: hearing.version,
          title: [hearing.caseReference, urdu ? kinds.get(hearing.forumKindId)?.nameUr : kinds.get(hearing.forumKindId)?.nameEn]
            .filter(Boolean)
            .join(' · '),
        });
      }
    }
    entries.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
    return buildCalendar(entries, urdu ? 'لاپتا: سماعتیں' : 'Lapata hearings');
  }
}
