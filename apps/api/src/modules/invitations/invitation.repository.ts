import { Injectable } from '@nestjs/common';
import type { Role } from '@lapata/contracts';
import type { Bytes } from '@lapata/crypto';
import { DatabaseContext } from '../../database/database-context';

export interface PendingInvitationRow {
  id: string;
  organizationId: string;
  emailEnc: Uint8Array;
  role: Role;
  invitedById: string;
  expiresAt: Date;
  createdAt: Date;
}

export interface InvitationByTokenRow {
  id: string;
  organizationId: string;
  emailBidx: Uint8Array;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

@Injectable()
export class InvitationRepository {
  constructor(private readonly db: DatabaseContext) {}

  async create(invitation: {
    id: string;
    organizationId: string;
    emailEnc: Uint8Array<ArrayBuffer>;
    emailBidx: Uint8Array<ArrayBuffer>;
    role: Role;
    tokenHash: Bytes;
    invitedById: string;
    expiresAt: Date;
  }): Promise<PendingInvitationRow> {
    return this.db.tx.invitation.create({
      data: { ...invitation, tokenHash: new Uint8Array(invitation.tokenHash) },
      select: PENDING_FIELDS,
    });
  }

  /** Pending: neither accepted, revoked nor expired. */
  async findPending(organizationId: string, now: Date): Promise<PendingInvitationRow[]> {
    return this.db.tx.invitation.findMany({
      where: { organizationId, ...pendingAt(now) },
      select: PENDING_FIELDS,
      orderBy: { createdAt: 'desc' },
    });
  }

  /** Revokes one pending invitation of the organisation; false when there is none with that id. */
  async revokePending(organizationId: string, invitationId: string, now: Date): Promise<boolean> {
    const { count } = await this.db.tx.invitation.updateMany({
      where: { id: invitationId, organizationId, ...pendingAt(now) },
      data: { revokedAt: now },
    });
    return count === 1;
  }

  /** A new invitation to the same address replaces the pending ones: only the newest link works. */
  async revokePendingForEmail(organizationId: string, emailBidx: Uint8Array<ArrayBuffer>, now: Date): Promise<void> {
    await this.db.tx.invitation.updateMany({
      where: { organizationId, emailBidx, ...pendingAt(now) },
      data: { revokedAt: now },
    });
  }

  async hasLiveMember(organizationId: string, emailBidx: Uint8Array<ArrayBuffer>): Promise<boolean> {
    const count = await this.db.tx.membership.count({
      where: { organizationId, disabledAt: null, user: { emailBidx } },
    });
    return count > 0;
  }

  /** Display names of the given users who are (or were) members of the organisation. */
  async findMemberNames(
    organizationId: string,
    userIds: string[],
  ): Promise<{ id: string; displayNameEnc: Uint8Array }[]> {
    if (userIds.length === 0) return [];
    return this.db.tx.user.findMany({
      where: { id: { in: userIds }, memberships: { some: { organizationId } } },
      select: { id: true, displayNameEnc: true },
    });
  }

  /**
   * Proves to row-level security that this request holds the invitation's link: the invitations
   * policy shows a row to whoever sets its token hash, before any organisation is known.
   */
  async presentTokenHash(tokenHash: Bytes): Promise<void> {
    await this.db.tx.$queryRaw`select set_config('app.token_hash', ${Buffer.from(tokenHash).toString('hex')}, true)`;
  }

  async findByTokenHash(tokenHash: Bytes): Promise<InvitationByTokenRow | null> {
    return this.db.tx.invitation.findUnique({
      where: { tokenHash: new Uint8Array(tokenHash) },
      select: {
        id: true,
        organizationId: true,
        emailBidx: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
      },
    });
  }

  async getOrganization(organizationId: string): Promise<{ name: string; requireMfa: boolean }> {
    return this.db.tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, requireMfa: true },
    });
  }

  /**
   * Marks the invitation used, only if it still is pending. The row stays locked until the
   * transaction ends, so of two simultaneous acceptances the second finds it used.
   */
  async claim(invitationId: string, now: Date): Promise<boolean> {
    const { count } = await this.db.tx.invitation.updateMany({
      where: { id: invitationId, ...pendingAt(now) },
      data: { acceptedAt: now },
    });
    return count === 1;
  }

  async setAcceptedBy(invitationId: string, userId: string): Promise<void> {
    await this.db.tx.invitation.update({ where: { id: invitationId }, data: { acceptedById: userId } });
  }

  async createAccount(account: {
    id: string;
    emailEnc: Uint8Array<ArrayBuffer>;
    emailBidx: Uint8Array<ArrayBuffer>;
    displayNameEnc: Uint8Array<ArrayBuffer>;
    passwordHash: string;
  }): Promise<void> {
    await this.db.tx.user.create({ data: account, select: { id: true } });
  }

  async findMembership(organizationId: string, userId: string): Promise<{ disabledAt: Date | null } | null> {
    return this.db.tx.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      select: { disabledAt: true },
    });
  }

  async createMembership(organizationId: string, userId: string, role: Role): Promise<void> {
    await this.db.tx.membership.create({ data: { organizationId, userId, role }, select: { id: true } });
  }

  async reenableMembership(organizationId: string, userId: string, role: Role): Promise<void> {
    await this.db.tx.membership.update({
      where: { organizationId_userId: { organizationId, userId } },
      data: { role, disabledAt: null },
    });
  }
}

const PENDING_FIELDS = {
  id: true,
  organizationId: true,
  emailEnc: true,
  role: true,
  invitedById: true,
  expiresAt: true,
  createdAt: true,
} as const;

function pendingAt(now: Date) {
  return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
}
