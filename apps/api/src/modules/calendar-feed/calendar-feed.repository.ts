import { Injectable } from '@nestjs/common';
import type { GrantLevel, Role } from '@lapata/contracts';
import type { Bytes } from '@lapata/crypto';
import { DatabaseContext } from '../../database/database-context';

export interface FeedOwner {
  feedId: string;
  userId: string;
  active: boolean;
  locale: string;
}

export interface FeedHearing {
  id: string;
  caseId: string;
  scheduledAt: Date;
  updatedAt: Date;
  version: number;
  caseReference: string;
  caseDeleted: boolean;
  forumKindId: string;
  grants: { userId: string; level: GrantLevel }[];
}

/**
 * Calendar feeds and the hearings they list. Feeds belong to a user, not an organisation (no
 * row-level security on calendar_feeds: a feed is reached through its token's hash or the user's
 * own id). Hearings are read in the organisation the transaction currently acts for.
 */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly db: DatabaseContext) {}

  findLive(userId: string): Promise<{ id: string; createdAt: Date } | null> {
    return this.db.tx.calendarFeed.findFirst({
      where: { userId, revokedAt: null },
      orderBy: { createdAt: 'desc' },
      select: { id: true, createdAt: true },
    });
  }

  async revokeAll(userId: string, now: Date): Promise<number> {
    const result = await this.db.tx.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    return result.count;
  }

  create(userId: string, tokenHash: Bytes): Promise<{ id: string; createdAt: Date }> {
    return this.db.tx.calendarFeed.create({ data: { userId, tokenHash }, select: { id: true, createdAt: true } });
  }

  /** The live feed whose token hashes to `tokenHash`, and its owner. */
  async findLiveByTokenHash(tokenHash: Bytes): Promise<FeedOwner | null> {
    const row = await this.db.tx.calendarFeed.findFirst({
      where: { tokenHash, revokedAt: null },
      select: { id: true, user: { select: { id: true, status: true, locale: true } } },
    });
    if (!row) return null;
    return { feedId: row.id, userId: row.user.id, active: row.user.status === 'ACTIVE', locale: row.user.locale };
  }

  /** The organisations where the user (the transaction's app.user) is a member, or holds a live grant. */
  async findReachableOrganizations(userId: string, now: Date): Promise<Map<string, { role: Role; disabled: boolean } | null>> {
    const memberships = await this.db.tx.membership.findMany({
      where: { userId },
      select: { organizationId: true, role: true, disabledAt: true },
    });
    const grants = await this.db.tx.caseGrant.findMany({
      where: { userId, revokedAt: null, kind: 'GRANT', OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { organizationId: true },
      distinct: ['organizationId'],
    });
    const reachable = new Map<string, { role: Role; disabled: boolean } | null>();
    for (const grant of grants) reachable.set(grant.organizationId, null);
    for (const m of memberships) reachable.set(m.organizationId, { role: m.role as Role, disabled: m.disabledAt !== null });
    return reachable;
  }

  /** Names of forum kinds (the seeded ones, or the acting organisation's own). */
  async findForumKindNames(ids: string[]): Promise<Map<string, { nameEn: string; nameUr: string }>> {
    const rows = await this.db.tx.forumKind.findMany({ where: { id: { in: ids } }, select: { id: true, nameEn: true, nameUr: true } });
    return new Map(rows.map((row) => [row.id, { nameEn: row.nameEn, nameUr: row.nameUr }]));
  }

  /** Hearings of one organisation in a time window (the transaction must act for it). */
  async findHearings(organizationId: string, userId: string, from: Date, now: Date): Promise<FeedHearing[]> {
    const rows = await this.db.tx.hearing.findMany({
      where: { organizationId, scheduledAt: { gte: from } },
      orderBy: { scheduledAt: 'asc' },
      take: 2000,
      select: {
        id: true,
        caseId: true,
        scheduledAt: true,
        updatedAt: true,
        version: true,
        case: {
          select: {
            reference: true,
            deletedAt: true,
            grants: {
              where: { userId, revokedAt: null, kind: 'GRANT', OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
              select: { userId: true, level: true },
            },
          },
        },
        proceeding: { select: { forum: { select: { kindId: true } } } },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      scheduledAt: row.scheduledAt,
      updatedAt: row.updatedAt,
      version: row.version,
      caseReference: row.case.reference,
      caseDeleted: row.case.deletedAt !== null,
      forumKindId: row.proceeding.forum.kindId,
      grants: row.case.grants,
    }));
  }
}
