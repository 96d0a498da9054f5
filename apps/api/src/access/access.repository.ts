import { Injectable } from '@nestjs/common';
import type { GrantLevel } from '@lapata/contracts';
import { DatabaseContext } from '../database/database-context';
import type { CaseStanding } from './policy';

export interface CaseStandingRow extends CaseStanding {
  organizationId: string;
}

const LEVELS: GrantLevel[] = ['VIEW', 'CONTRIBUTE', 'MANAGE'];

/**
 * The queries the policy needs. They run in the request's transaction, so row-level security
 * applies to them too: a case the actor cannot reach through their organisation or a grant is
 * simply not found.
 */
@Injectable()
export class AccessRepository {
  constructor(private readonly db: DatabaseContext) {}

  /** Null when the case does not exist or is invisible to the actor. */
  async findCaseStanding(userId: string, caseId: string, now: Date): Promise<CaseStandingRow | null> {
    const found = await this.db.tx.case.findUnique({
      where: { id: caseId },
      select: {
        organizationId: true,
        deletedAt: true,
        grants: {
          where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
          select: { level: true, kind: true },
        },
        organization: {
          select: { memberships: { where: { userId, disabledAt: null, role: 'ORG_ADMIN' }, select: { id: true } } },
        },
      },
    });
    if (!found) return null;
    const regular = found.grants.filter((grant) => grant.kind === 'GRANT').map((grant) => grant.level);
    const grantLevel = regular.length ? LEVELS[Math.max(...regular.map((level) => LEVELS.indexOf(level)))]! : null;
    return {
      organizationId: found.organizationId,
      isOrganizationAdmin: found.organization.memberships.length > 0,
      grantLevel,
      breakGlass: found.grants.some((grant) => grant.kind === 'BREAK_GLASS'),
      deleted: found.deletedAt !== null,
    };
  }
}
