import { Injectable } from '@nestjs/common';
import type { Role } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

export interface MemberRow {
  userId: string;
  role: Role;
  disabledAt: Date | null;
  user: {
    emailEnc: Uint8Array;
    displayNameEnc: Uint8Array;
    totpEnabledAt: Date | null;
  };
}

const MEMBER_FIELDS = {
  userId: true,
  role: true,
  disabledAt: true,
  user: { select: { emailEnc: true, displayNameEnc: true, totpEnabledAt: true } },
} as const;

/** Memberships of one organisation; every query names the organisation, so no other one's members appear. */
@Injectable()
export class MemberRepository {
  constructor(private readonly db: DatabaseContext) {}

  async findMembers(organizationId: string): Promise<MemberRow[]> {
    return this.db.tx.membership.findMany({
      where: { organizationId },
      select: MEMBER_FIELDS,
      orderBy: { createdAt: 'asc' },
    });
  }

  async findMember(organizationId: string, userId: string): Promise<MemberRow | null> {
    return this.db.tx.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      select: MEMBER_FIELDS,
    });
  }

  /**
   * Locks the organisation row until the transaction ends, so that two administrators changing
   * each other's roles at once cannot both pass the "another administrator remains" check.
   */
  async lockOrganization(organizationId: string): Promise<void> {
    await this.db.tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
  }

  async countLiveAdministrators(organizationId: string): Promise<number> {
    return this.db.tx.membership.count({ where: { organizationId, role: 'ORG_ADMIN', disabledAt: null } });
  }

  async setRole(organizationId: string, userId: string, role: Role): Promise<void> {
    await this.db.tx.membership.update({
      where: { organizationId_userId: { organizationId, userId } },
      data: { role },
    });
  }

  async setDisabledAt(organizationId: string, userId: string, disabledAt: Date | null): Promise<void> {
    await this.db.tx.membership.update({
      where: { organizationId_userId: { organizationId, userId } },
      data: { disabledAt },
    });
  }

  /** Revokes the user's live grants on this organisation's cases; returns how many. */
  async revokeLiveGrants(organizationId: string, userId: string, revokedById: string, now: Date): Promise<number> {
    const { count } = await this.db.tx.caseGrant.updateMany({
      where: { organizationId, userId, revokedAt: null },
      data: { revokedAt: now, revokedById },
    });
    return count;
  }
}
