import { Injectable, Logger } from '@nestjs/common';
import type { MfaRequirementRequest, MfaRequirementResponse } from '@lapata/contracts';
import { AccessService } from '../../access/access.service';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { AuditService } from '../audit/audit.service';
import { MfaStateConflictError } from './mfa.errors';
import { MfaRepository } from './mfa.repository';

/**
 * An organisation administrator can require two-step sign-in of every member. Members without it
 * are then held in the `enrolment` state (see SessionService) at their next request: they can set
 * it up and do nothing else.
 */
@Injectable()
export class OrganizationMfaService {
  private readonly logger = new Logger('Mfa');

  constructor(
    private readonly access: AccessService,
    private readonly mfa: MfaRepository,
    private readonly audit: AuditService,
  ) {}

  async getRequirement(actor: Actor): Promise<MfaRequirementResponse> {
    const organizationId = this.access.require(actor, Permission.OrganizationUpdate);
    return this.requirement(organizationId);
  }

  /**
   * The administrator must have two-step sign-in themselves before requiring it: otherwise their
   * own session would fall into the enrolment state the moment they saved, mid-task.
   */
  async setRequirement(actor: Actor, request: MfaRequirementRequest): Promise<MfaRequirementResponse> {
    const organizationId = this.access.require(actor, Permission.OrganizationUpdate);
    if (request.required && !(await this.mfa.isTotpEnabled(actor.userId))) {
      throw new MfaStateConflictError('Set up two-step sign-in for your own account before requiring it of everyone.');
    }
    if ((await this.mfa.getOrganizationRequirement(organizationId)) !== request.required) {
      await this.mfa.setOrganizationRequirement(organizationId, request.required);
      await this.audit.record({
        organizationId,
        actorId: actor.userId,
        caseId: null,
        entity: 'organization',
        entityId: organizationId,
        action: 'update',
        fields: ['requireMfa'],
      });
      this.logger.log({ organizationId, userId: actor.userId, required: request.required }, 'Organisation MFA requirement changed');
    }
    return this.requirement(organizationId);
  }

  private async requirement(organizationId: string): Promise<MfaRequirementResponse> {
    return {
      required: await this.mfa.getOrganizationRequirement(organizationId),
      membersWithoutMfa: await this.mfa.countMembersWithoutMfa(organizationId),
    };
  }
}
