import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccountOrganizationListResponseSchema,
  ErrorResponseSchema,
  OrganizationSwitchRequestSchema,
  OrganizationSwitchResponseSchema,
  type AccountOrganizationListResponse,
  type OrganizationSwitchRequest,
  type OrganizationSwitchResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { SetsSessionCookie } from '../auth/session-cookie.interceptor';
import type { SessionStarted } from '../auth/session.service';
import { OrganizationService } from './organization.service';

/** The signed-in user's own organisations, and switching between them. */
@ApiTags('account')
@AccountAccess()
@Controller('account')
export class AccountOrganizationController {
  constructor(private readonly organizations: OrganizationService) {}

  @Get('organizations')
  @ApiOperation({ summary: 'The organisations the signed-in user belongs to, with their role in each' })
  @ApiOkResponse({ standardSchema: AccountOrganizationListResponseSchema })
  list(@CurrentActor() actor: Actor): Promise<AccountOrganizationListResponse> {
    return this.organizations.listForAccount(actor);
  }

  @Post('organization')
  @HttpCode(200)
  @ApiOperation({ summary: 'Work in another of your organisations; the session is replaced (new cookie)' })
  @ApiOkResponse({ standardSchema: OrganizationSwitchResponseSchema })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema, description: 'Not a live member of that organisation' })
  @SetsSessionCookie()
  switch(
    @CurrentActor() actor: Actor,
    @ZodBody(OrganizationSwitchRequestSchema) request: OrganizationSwitchRequest,
  ): Promise<SessionStarted<OrganizationSwitchResponse>> {
    return this.organizations.switchOrganization(actor, request.organizationId);
  }
}
