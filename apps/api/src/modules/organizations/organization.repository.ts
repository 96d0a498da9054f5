import { Injectable } from '@nestjs/common';
import type { Role } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

export interface OrganizationRow {
  id: string;
  name: string;
  caseReferencePrefix: string;
  timeZone: string;
  requireMfa: boolean;
  version: number;
}

export interface AccountMembershipRow {
  organizationId: string;
  organizationName: string;
  role: Role;
}

const ORGANIZATION_FIELDS = {
  id: true,
  name: true,
  caseReferencePrefix: true,
  timeZone: true,
  requireMfa: true,
  version: true,
} as const;

@Injectable()
export class OrganizationRepository {
  constructor(private readonly db: DatabaseContext) {}

  async getById(organizationId: string): Promise<OrganizationRow | null> {
    return this.db.tx.organization.findUnique({ where: { id: organizationId }, select: ORGANIZATION_FIELDS });
  }

  /** Applies the changes only if the row is still at `version`; null when it has moved on (or is gone). */
  async updateAtVersion(
    organizationId: string,
    version: number,
    changes: { name?: string; timeZone?: string },
  ): Promise<OrganizationRow | null> {
    const { count } = await this.db.tx.organization.updateMany({
      where: { id: organizationId, version },
      data: { ...changes, version: { increment: 1 } },
    });
    return count === 1 ? this.getById(organizationId) : null;
  }

  /** The user's live memberships (not disabled), with each organisation's name. */
  async findLiveMembershipsOfUser(userId: string): Promise<AccountMembershipRow[]> {
    const rows = await this.db.tx.membership.findMany({
      where: { userId, disabledAt: null },
      select: { organizationId: true, role: true, organization: { select: { name: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((row) => ({ organizationId: row.organizationId, organizationName: row.organization.name, role: row.role }));
  }

  async findLiveMembership(userId: string, organizationId: string): Promise<{ role: Role } | null> {
    return this.db.tx.membership.findFirst({
      where: { userId, organizationId, disabledAt: null },
      select: { role: true },
    });
  }
}
