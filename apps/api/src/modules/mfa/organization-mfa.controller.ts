import { Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  MfaRequirementRequestSchema,
  MfaRequirementResponseSchema,
  type MfaRequirementRequest,
  type MfaRequirementResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CurrentActor, OrganizationAccess } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { OrganizationMfaService } from './organization-mfa.service';

@ApiTags('organizations')
@Controller('organizations/current/mfa-requirement')
export class OrganizationMfaController {
  constructor(private readonly organizationMfa: OrganizationMfaService) {}

  @Get()
  @OrganizationAccess(Permission.OrganizationUpdate)
  @ApiOperation({ summary: 'Whether the organisation requires two-step sign-in, and how many members have not set it up' })
  @ApiOkResponse({ standardSchema: MfaRequirementResponseSchema })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema })
  get(@CurrentActor() actor: Actor): Promise<MfaRequirementResponse> {
    return this.organizationMfa.getRequirement(actor);
  }

  @Put()
  @OrganizationAccess(Permission.OrganizationUpdate)
  @ApiOperation({
    summary: 'Require two-step sign-in of every member, or stop requiring it (the administrator needs it first)',
  })
  @ApiOkResponse({ standardSchema: MfaRequirementResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED (with `fields`)' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'The administrator has no second factor yet' })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema })
  set(
    @CurrentActor() actor: Actor,
    @ZodBody(MfaRequirementRequestSchema) request: MfaRequirementRequest,
  ): Promise<MfaRequirementResponse> {
    return this.organizationMfa.setRequirement(actor, request);
  }
}
