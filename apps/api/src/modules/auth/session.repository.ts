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

  async findLiveByTokenHash(tokenHash: Bytes, now: Date): Promise<StoredSession | null> {
    return this.findLive({ tokenHash, revokedAt: null, expiresAt: { gt: now } });
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

  /** The user's membership in the organisation, if live; needs `app.user_id` set (row-level security). */
  async findActiveMembership(userId: string, organizationId: string): Promise<ActiveMembership | null> {
    const row = await this.db.tx.membership.findFirst({
      where: { userId, organizationId, disabledAt: null },
      select: { organizationId: true, role: true, organization: { select: { requireMfa: true } } },
    });
    return row ? { organizationId: row.organizationId, role: row.role, requireMfa: row.organization.requireMfa } : null;
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
