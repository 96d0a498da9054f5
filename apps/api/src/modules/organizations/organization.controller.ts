import { Controller, Get, Patch } from '@nestjs/common';
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
  OrganizationResponseSchema,
  OrganizationUpdateRequestSchema,
  type OrganizationResponse,
  type OrganizationUpdateRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CurrentActor, OrganizationAccess } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { OrganizationService } from './organization.service';

@ApiTags('organizations')
@Controller('organizations/current')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationService) {}

  @Get()
  @OrganizationAccess(Permission.OrganizationRead)
  @ApiOperation({ summary: 'The organisation the session works in' })
  @ApiOkResponse({ standardSchema: OrganizationResponseSchema })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema, description: 'No active organisation' })
  get(@CurrentActor() actor: Actor): Promise<OrganizationResponse> {
    return this.organizations.getCurrent(actor);
  }

  @Patch()
  @OrganizationAccess(Permission.OrganizationUpdate)
  @ApiOperation({ summary: "Rename the organisation or change its time zone (optimistic: send the version you read)" })
  @ApiOkResponse({ standardSchema: OrganizationResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED (with `fields`)' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'STALE_VERSION with `currentVersion`: reload and try again' })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema })
  update(
    @CurrentActor() actor: Actor,
    @ZodBody(OrganizationUpdateRequestSchema) update: OrganizationUpdateRequest,
  ): Promise<OrganizationResponse> {
    return this.organizations.updateCurrent(actor, update);
  }
}
