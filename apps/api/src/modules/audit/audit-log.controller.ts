import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuditPageSchema,
  CaseAuditQuerySchema,
  OrganizationAuditQuerySchema,
  type AuditPage,
  type CaseAuditQuery,
  type OrganizationAuditQuery,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam } from '../../common/validation/decorators';
import { AuditLogService } from './audit-log.service';

@ApiTags('audit')
@Controller()
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get('cases/:caseId/audit')
  @CaseAccess(Permission.CaseAuditRead)
  @ApiOperation({ summary: 'Who looked at or changed this case, and when (newest first; field names, never values)' })
  @ApiOkResponse({ standardSchema: AuditPageSchema })
  forCase(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query({ schema: CaseAuditQuerySchema }) query: CaseAuditQuery,
  ): Promise<AuditPage> {
    return this.auditLog.forCase(actor, caseId, query);
  }

  @Get('organizations/current/audit')
  @OrganizationAccess(Permission.OrganizationAuditRead)
  @ApiOperation({ summary: "The organisation's audit trail, filtered by actor, case, action, entity and dates (administrators)" })
  @ApiOkResponse({ standardSchema: AuditPageSchema })
  forOrganization(
    @CurrentActor() actor: Actor,
    @Query({ schema: OrganizationAuditQuerySchema }) query: OrganizationAuditQuery,
  ): Promise<AuditPage> {
    return this.auditLog.forOrganization(actor, query);
  }
}
