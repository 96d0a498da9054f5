import { Injectable } from '@nestjs/common';
import type { GrantLevel } from '@lapata/contracts';
import type { Bytes } from '@lapata/crypto';
import { DatabaseContext } from '../../database/database-context';

const grantSelect = {
  id: true,
  userId: true,
  level: true,
  kind: true,
  expiresAt: true,
  grantedById: true,
  createdAt: true,
  user: { select: { displayNameEnc: true } },
} as const;

export type GrantRow = {
  id: string;
  userId: string;
  level: GrantLevel;
  kind: 'GRANT' | 'BREAK_GLASS';
  expiresAt: Date | null;
  grantedById: string;
  createdAt: Date;
  user: { displayNameEnc: Uint8Array };
};

const live = (now: Date) => ({ revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

@Injectable()
export class GrantRepository {
  constructor(private readonly db: DatabaseContext) {}

  async findLiveForCase(caseId: string, now: Date): Promise<GrantRow[]> {
    return this.db.tx.caseGrant.findMany({
      where: { caseId, ...live(now) },
      orderBy: { createdAt: 'asc' },
      select: grantSelect,
    });
  }

  /** Users are global (account data): found by the email's blind index only. */
  async findActiveUserIdByEmailIndex(emailBidx: Bytes): Promise<string | null> {
    const user = await this.db.tx.user.findFirst({ where: { emailBidx, status: 'ACTIVE' }, select: { id: true } });
    return user?.id ?? null;
  }

  /** Replaces the user's live regular grant on the case, if any, by the new one. */
  async grant(input: {
    organizationId: string;
    caseId: string;
    userId: string;
    level: GrantLevel;
    expiresAt: Date | null;
    grantedById: string;
    now: Date;
  }): Promise<GrantRow> {
    const tx = this.db.tx;
    await tx.caseGrant.updateMany({
      where: { caseId: input.caseId, userId: input.userId, kind: 'GRANT', ...live(input.now) },
      data: { revokedAt: input.now, revokedById: input.grantedById },
    });
    return tx.caseGrant.create({
      data: {
        organizationId: input.organizationId,
        caseId: input.caseId,
        userId: input.userId,
        level: input.level,
        expiresAt: input.expiresAt,
        grantedById: input.grantedById,
      },
      select: grantSelect,
    });
  }

  async openBreakGlass(input: {
    id: string;
    organizationId: string;
    caseId: string;
    userId: string;
    reasonEnc: Bytes;
    expiresAt: Date;
  }): Promise<GrantRow> {
    return this.db.tx.caseGrant.create({
      data: {
        id: input.id,
        organizationId: input.organizationId,
        caseId: input.caseId,
        userId: input.userId,
        level: 'VIEW',
        kind: 'BREAK_GLASS',
        reasonEnc: input.reasonEnc,
        grantedById: input.userId,
        expiresAt: input.expiresAt,
      },
      select: grantSelect,
    });
  }

  /** True when a live grant with this id on this case was revoked now. */
  async revoke(caseId: string, grantId: string, revokedById: string, now: Date): Promise<boolean> {
    const result = await this.db.tx.caseGrant.updateMany({
      where: { id: grantId, caseId, ...live(now) },
      data: { revokedAt: now, revokedById },
    });
    return result.count === 1;
  }

  /** Who manages the case: live MANAGE grantees and the organisation's administrators. */
  async findCaseManagerIds(organizationId: string, caseId: string, now: Date): Promise<string[]> {
    const tx = this.db.tx;
    const [grantees, admins] = await Promise.all([
      tx.caseGrant.findMany({ where: { caseId, level: 'MANAGE', kind: 'GRANT', ...live(now) }, select: { userId: true } }),
      tx.membership.findMany({ where: { organizationId, role: 'ORG_ADMIN', disabledAt: null }, select: { userId: true } }),
    ]);
    return [...new Set([...grantees, ...admins].map((row) => row.userId))];
  }

  async findCaseOrganization(caseId: string): Promise<string | null> {
    const found = await this.db.tx.case.findFirst({ where: { id: caseId, deletedAt: null }, select: { organizationId: true } });
    return found?.organizationId ?? null;
  }

  async notify(input: { organizationId: string; userIds: string[]; caseId: string; kind: string }): Promise<void> {
    if (input.userIds.length === 0) return;
    await this.db.tx.notification.createMany({
      data: input.userIds.map((userId) => ({
        organizationId: input.organizationId,
        userId,
        caseId: input.caseId,
        kind: input.kind,
      })),
    });
  }
}
