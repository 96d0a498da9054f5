import { Injectable } from '@nestjs/common';
import type { GrantLevel } from '@lapata/contracts';
import { NotFoundError } from '../common/errors/api-error';
import type { Actor } from './actor';
import { AccessRepository } from './access.repository';
import type { CasePermission, OrganizationPermission } from './permission';
import { caseAllows, effectiveLevel, roleAllows } from './policy';

/** What the actor may do on the case they were let into. */
export interface CaseAccessGrant {
  caseId: string;
  organizationId: string;
  level: GrantLevel;
  /** Reached only through break-glass: audit it as such. */
  breakGlass: boolean;
}

/**
 * The one door. Every use case that touches a tenant's data calls `require` or `requireCase`
 * first; denial and absence look the same (404), so nobody learns what exists.
 */
@Injectable()
export class AccessService {
  constructor(private readonly access: AccessRepository) {}

  /** An organisation permission in the actor's active organisation; returns that organisation's id. */
  require(actor: Actor, permission: OrganizationPermission): string {
    if (!actor.organizationId || !roleAllows(actor.role, permission)) throw new NotFoundError();
    return actor.organizationId;
  }

  /**
   * A case permission. The case may belong to another organisation than the active one (an
   * external lawyer's grant); row-level security lets the granted case's rows through without
   * opening the rest of that organisation.
   */
  async requireCase(actor: Actor, permission: CasePermission, caseId: string): Promise<CaseAccessGrant> {
    const standing = await this.access.findCaseStanding(actor.userId, caseId, new Date());
    if (!standing || !caseAllows(standing, permission)) throw new NotFoundError();
    const level = effectiveLevel(standing)!;
    return {
      caseId,
      organizationId: standing.organizationId,
      level,
      breakGlass: !standing.isOrganizationAdmin && standing.grantLevel === null && standing.breakGlass,
    };
  }
}
