import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  InvitationCreateRequestSchema,
  InvitationListResponseSchema,
  InvitationSchema,
  type Invitation,
  type InvitationCreateRequest,
  type InvitationListResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { InvitationService } from './invitation.service';

@ApiTags('invitations')
@OrganizationAccess(Permission.InvitationManage)
@Controller('organizations/current/invitations')
export class InvitationController {
  constructor(private readonly invitations: InvitationService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Invite someone by email with a role; mails a single-use link valid for 7 days' })
  @ApiCreatedResponse({ standardSchema: InvitationSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED (with `fields`)' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'ALREADY_MEMBER' })
  create(
    @CurrentActor() actor: Actor,
    @ZodBody(InvitationCreateRequestSchema) request: InvitationCreateRequest,
  ): Promise<Invitation> {
    return this.invitations.create(actor, request);
  }

  @Get()
  @ApiOperation({ summary: 'Pending invitations of the active organisation' })
  @ApiOkResponse({ standardSchema: InvitationListResponseSchema })
  list(@CurrentActor() actor: Actor): Promise<InvitationListResponse> {
    return this.invitations.listPending(actor);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation; its link stops working at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema })
  async revoke(@CurrentActor() actor: Actor, @UuidParam('invitationId') invitationId: string): Promise<void> {
    await this.invitations.revoke(actor, invitationId);
  }
}
