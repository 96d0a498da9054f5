import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BreakGlassRequestSchema,
  CreateGrantRequestSchema,
  GrantListResponseSchema,
  GrantResponseSchema,
  type BreakGlassRequest,
  type CreateGrantRequest,
  type GrantListResponse,
  type GrantResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { GrantService } from './grant.service';

@ApiTags('case access')
@Controller('cases/:caseId')
export class GrantController {
  constructor(private readonly grants: GrantService) {}

  @Get('grants')
  @CaseAccess(Permission.CaseGrantList)
  @ApiOperation({ summary: 'Who may reach this case, at which level, until when' })
  @ApiOkResponse({ standardSchema: GrantListResponseSchema })
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<GrantListResponse> {
    return this.grants.list(actor, caseId);
  }

  @Post('grants')
  @HttpCode(201)
  @CaseAccess(Permission.CaseGrantCreate)
  @ApiOperation({ summary: 'Grant a user access to this case (replacing their earlier grant); managers are told' })
  @ApiOkResponse({ standardSchema: GrantResponseSchema })
  grant(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(CreateGrantRequestSchema) request: CreateGrantRequest,
  ): Promise<GrantResponse> {
    return this.grants.grant(actor, caseId, request);
  }

  @Delete('grants/:grantId')
  @HttpCode(204)
  @CaseAccess(Permission.CaseGrantRevoke)
  @ApiOperation({ summary: 'Revoke a grant at once' })
  async revoke(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('grantId') grantId: string,
  ): Promise<void> {
    await this.grants.revoke(actor, caseId, grantId);
  }

  @Post('break-glass')
  @HttpCode(201)
  @OrganizationAccess(Permission.CaseBreakGlass)
  @ApiOperation({ summary: 'Open a case of your organisation outside your grants: read-only, time-boxed, audited' })
  @ApiOkResponse({ standardSchema: GrantResponseSchema })
  breakGlass(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(BreakGlassRequestSchema) request: BreakGlassRequest,
  ): Promise<GrantResponse> {
    return this.grants.breakGlass(actor, caseId, request);
  }
}
