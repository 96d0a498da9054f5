import { Injectable } from '@nestjs/common';
import type { BreakGlassRequest, CreateGrantRequest, GrantListResponse, GrantResponse } from '@lapata/contracts';
import { encryptString } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { levelAtLeast } from '../../access/policy';
import { NotFoundError, ValidationError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { OrganizationKeyService } from '../keys/organization-key.service';
import { toGrantResponse } from './grant.mapper';
import { GrantRepository } from './grant.repository';

@Injectable()
export class GrantService {
  constructor(
    private readonly access: AccessService,
    private readonly grants: GrantRepository,
    private readonly audit: AuditService,
    private readonly organizationKeys: OrganizationKeyService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, caseId: string): Promise<GrantListResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseGrantList, caseId);
    const rows = await this.grants.findLiveForCase(caseId, new Date());
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case_grant',
      entityId: null,
      action: 'list',
    });
    return { items: rows.map((row) => toGrantResponse(row, this.config.keys)) };
  }

  async grant(actor: Actor, caseId: string, request: CreateGrantRequest): Promise<GrantResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseGrantCreate, caseId);
    if (!levelAtLeast(access.level, request.level)) {
      throw new ValidationError({ level: ['You cannot give more access than you have'] });
    }
    const emailBidx = this.config.keys.blindIndex.forAccounts().email(request.email);
    const userId = emailBidx ? await this.grants.findActiveUserIdByEmailIndex(emailBidx) : null;
    // Case managers may learn that an address has no account: they need to know to invite it.
    if (!userId) throw new ValidationError({ email: ['No active account uses this email. Invite the person first.'] });

    const now = new Date();
    const row = await this.grants.grant({
      organizationId: access.organizationId,
      caseId,
      userId,
      level: request.level,
      expiresAt: request.expiresAt ? new Date(request.expiresAt) : null,
      grantedById: actor.userId,
      now,
    });
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case_grant',
      entityId: row.id,
      action: 'create',
      fields: ['userId', 'level', 'expiresAt'],
    });
    const managers = await this.grants.findCaseManagerIds(access.organizationId, caseId, now);
    await this.grants.notify({
      organizationId: access.organizationId,
      userIds: managers.filter((id) => id !== actor.userId),
      caseId,
      kind: 'GRANT_ADDED',
    });
    return toGrantResponse(row, this.config.keys);
  }

  async revoke(actor: Actor, caseId: string, grantId: string): Promise<void> {
    const access = await this.access.requireCase(actor, Permission.CaseGrantRevoke, caseId);
    if (!(await this.grants.revoke(caseId, grantId, actor.userId, new Date()))) throw new NotFoundError();
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case_grant',
      entityId: grantId,
      action: 'revoke',
    });
  }

  /**
   * A caseworker opens a case of their organisation outside their grants: read-only, for
   * BREAK_GLASS_HOURS, with a stated reason, marked in the audit trail, managers told.
   */
  async breakGlass(actor: Actor, caseId: string, request: BreakGlassRequest): Promise<GrantResponse> {
    const organizationId = this.access.require(actor, Permission.CaseBreakGlass);
    if ((await this.grants.findCaseOrganization(caseId)) !== organizationId) throw new NotFoundError();
    const now = new Date();
    const grantId = uuidv7();
    const key = await this.organizationKeys.currentKey(organizationId);
    const row = await this.grants.openBreakGlass({
      id: grantId,
      organizationId,
      caseId,
      userId: actor.userId,
      reasonEnc: encryptString(request.reason, key, {
        organizationId,
        table: 'case_grants',
        column: 'reason_enc',
        rowId: grantId,
      }),
      expiresAt: new Date(now.getTime() + this.config.breakGlassDurationMs),
    });
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case_grant',
      entityId: row.id,
      action: 'break_glass',
      fields: ['reason'],
      breakGlass: true,
    });
    await this.grants.notify({
      organizationId,
      userIds: (await this.grants.findCaseManagerIds(organizationId, caseId, now)).filter((id) => id !== actor.userId),
      caseId,
      kind: 'BREAK_GLASS_OPENED',
    });
    return toGrantResponse(row, this.config.keys);
  }
}
