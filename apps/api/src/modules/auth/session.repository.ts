import { Injectable } from '@nestjs/common';
import type { Role } from '@lapata/contracts';
import type { Bytes } from '@lapata/crypto';
import { DatabaseContext } from '../../database/database-context';

export interface StoredSession {
  id: string;
  userId: string;
  activeOrganizationId: string | null;
  mfaVerifiedAt: Date | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  userActive: boolean;
  userHasTotp: boolean;
}

export interface ActiveMembership {
  organizationId: string;
  role: Role;
  requireMfa: boolean;
}

/**
 * Sessions are account data, not organisation data: the table has no row-level security and is
 * reached only through the SHA-256 of a secret token or the user's own id.
 */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: DatabaseContext) {}

  async create(input: {
    userId: string;
    tokenHash: Bytes;
    activeOrganizationId: string | null;
    mfaVerifiedAt: Date | null;
    userAgent: string | null;
    expiresAt: Date;
    createdAt: Date;
    lastSeenAt: Date;
  }): Promise<string> {
    const session = await this.db.tx.session.create({ data: input, select: { id: true } });
    return session.id;
  }

  /**
   * The live session a cookie's token hash names, with its user, in ONE statement that also makes
   * the open transaction act for that user (`app.user_id`, for row-level security) when found.
   * The caller must end the request (401) when the session is not one it accepts.
   */
  async findLiveByTokenHashActingAsUser(tokenHash: Bytes, now: Date): Promise<StoredSession | null> {
    const [row] = await this.db.tx.$queryRaw<(Omit<StoredSession, 'userActive' | 'userHasTotp'> & { userActive: boolean; userHasTotp: boolean })[]>`
      select s.id, s.user_id as "userId", s.active_organization_id as "activeOrganizationId",
             s.mfa_verified_at as "mfaVerifiedAt", s.created_at as "createdAt", s.last_seen_at as "lastSeenAt",
             s.expires_at as "expiresAt", s.user_agent as "userAgent", u.status = 'ACTIVE' as "userActive",
             u.totp_enabled_at is not null as "userHasTotp", set_config('app.user_id', s.user_id::text, true) as "actingAs"
      from sessions s join users u on u.id = s.user_id
      where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > ${now}`;
    if (!row) return null;
    return {
      id: row.id,
      userId: row.userId,
      activeOrganizationId: row.activeOrganizationId,
      mfaVerifiedAt: row.mfaVerifiedAt,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      userAgent: row.userAgent,
      userActive: row.userActive,
      userHasTotp: row.userHasTotp,
    };
  }

  async findLiveById(sessionId: string, now: Date): Promise<StoredSession | null> {
    return this.findLive({ id: sessionId, revokedAt: null, expiresAt: { gt: now } });
  }

  private async findLive(where: {
    tokenHash?: Bytes;
    id?: string;
    revokedAt: null;
    expiresAt: { gt: Date };
  }): Promise<StoredSession | null> {
    const row = await this.db.tx.session.findFirst({
      where,
      select: {
        id: true,
        userId: true,
        activeOrganizationId: true,
        mfaVerifiedAt: true,
        createdAt: true,
        lastSeenAt: true,
        expiresAt: true,
        userAgent: true,
        user: { select: { status: true, totpEnabledAt: true } },
      },
    });
    if (!row) return null;
    const { user, ...session } = row;
    return { ...session, userActive: user.status === 'ACTIVE', userHasTotp: user.totpEnabledAt !== null };
  }

  /**
   * The user's live membership in the organisation, in one statement that also makes the open
   * transaction act for that organisation when found. Needs `app.user_id` set already: row-level
   * security shows a user their own memberships.
   */
  async findActiveMembershipActingAsOrganization(userId: string, organizationId: string): Promise<ActiveMembership | null> {
    const [row] = await this.db.tx.$queryRaw<ActiveMembership[]>`
      select m.organization_id as "organizationId", m.role::text as role, o.require_mfa as "requireMfa",
             set_config('app.organization_id', m.organization_id::text, true) as "actingAs"
      from memberships m join organizations o on o.id = m.organization_id
      where m.user_id = ${userId}::uuid and m.organization_id = ${organizationId}::uuid and m.disabled_at is null`;
    return row ? { organizationId: row.organizationId, role: row.role, requireMfa: row.requireMfa } : null;
  }

  async touch(sessionId: string, now: Date): Promise<void> {
    await this.db.tx.session.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }

  async markMfaVerified(sessionId: string, now: Date): Promise<void> {
    await this.db.tx.session.update({ where: { id: sessionId }, data: { mfaVerifiedAt: now } });
  }

  async setActiveOrganization(sessionId: string, organizationId: string): Promise<void> {
    await this.db.tx.session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
  }

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.db.tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  }

  async revokeByTokenHash(tokenHash: Bytes, now: Date): Promise<void> {
    await this.db.tx.session.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: now } });
  }

  /** Ends one live session of the user; false when the user has no such live session. */
  async revokeForUser(userId: string, sessionId: string, now: Date): Promise<boolean> {
    const result = await this.db.tx.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    return result.count === 1;
  }

  /** Ends every live session of the user, except `keepSessionId` when given. */
  async revokeAllForUser(userId: string, now: Date, keepSessionId?: string): Promise<number> {
    const result = await this.db.tx.session.updateMany({
      where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
      data: { revokedAt: now },
    });
    return result.count;
  }

  /** Sessions neither revoked, past their lifetime, nor idle since `seenSince`; the newest first. */
  async listLiveForUser(userId: string, now: Date, seenSince: Date) {
    return this.db.tx.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gte: seenSince } },
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true },
      orderBy: { lastSeenAt: 'desc' },
    });
  }
}
