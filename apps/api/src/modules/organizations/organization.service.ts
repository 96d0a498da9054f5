import { Injectable } from '@nestjs/common';
import type {
  AccountOrganizationListResponse,
  OrganizationResponse,
  OrganizationSwitchResponse,
  OrganizationUpdateRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { NotFoundError, StaleVersionError } from '../../common/errors/api-error';
import { AuditService } from '../audit/audit.service';
import { SessionService, type SessionStarted } from '../auth/session.service';
import { OrganizationRepository } from './organization.repository';

@Injectable()
export class OrganizationService {
  constructor(
    private readonly access: AccessService,
    private readonly organizations: OrganizationRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async getCurrent(actor: Actor): Promise<OrganizationResponse> {
    const organizationId = this.access.require(actor, Permission.OrganizationRead);
    const organization = await this.organizations.getById(organizationId);
    if (!organization) throw new NotFoundError();
    return organization;
  }

  async updateCurrent(actor: Actor, update: OrganizationUpdateRequest): Promise<OrganizationResponse> {
    const organizationId = this.access.require(actor, Permission.OrganizationUpdate);
    const { version, ...changes } = update;
    const updated = await this.organizations.updateAtVersion(organizationId, version, changes);
    if (updated) {
      await this.audit.record({
        organizationId,
        actorId: actor.userId,
        caseId: null,
        entity: 'organization',
        entityId: organizationId,
        action: 'update',
        fields: Object.keys(changes),
      });
      return updated;
    }
    const current = await this.organizations.getById(organizationId);
    if (!current) throw new NotFoundError();
    throw new StaleVersionError(current.version);
  }

  /** The organisations the signed-in user may switch to: their own account's data, no permission needed. */
  async listForAccount(actor: Actor): Promise<AccountOrganizationListResponse> {
    const memberships = await this.organizations.findLiveMembershipsOfUser(actor.userId);
    return {
      organizations: memberships.map((membership) => ({
        organizationId: membership.organizationId,
        name: membership.organizationName,
        role: membership.role,
        active: membership.organizationId === actor.organizationId,
      })),
    };
  }

  /**
   * Moves the session to another organisation the user is a live member of. A privilege change,
   * so the session is replaced (new id and token); the old token stops working at once.
   */
  async switchOrganization(
    actor: Actor,
    organizationId: string,
  ): Promise<SessionStarted<OrganizationSwitchResponse>> {
    const membership = await this.organizations.findLiveMembership(actor.userId, organizationId);
    if (!membership) throw new NotFoundError();
    const { token } = await this.sessions.replace(actor.sessionId, { activeOrganizationId: organizationId });
    return { response: { organizationId, role: membership.role }, sessionToken: token };
  }
}
