import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
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
  MemberListResponseSchema,
  MemberRoleUpdateRequestSchema,
  MemberSchema,
  type Member,
  type MemberListResponse,
  type MemberRoleUpdateRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { MemberService } from './member.service';

@ApiTags('organizations')
@Controller('organizations/current/members')
export class MemberController {
  constructor(private readonly members: MemberService) {}

  @Get()
  @OrganizationAccess(Permission.MemberList)
  @ApiOperation({ summary: "The active organisation's members, disabled ones included" })
  @ApiOkResponse({ standardSchema: MemberListResponseSchema })
  list(@CurrentActor() actor: Actor): Promise<MemberListResponse> {
    return this.members.list(actor);
  }

  @Patch(':userId')
  @OrganizationAccess(Permission.MemberManage)
  @ApiOperation({ summary: "Change a member's role; ends all of that user's sessions" })
  @ApiOkResponse({ standardSchema: MemberSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED (with `fields`)' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'LAST_ORGANIZATION_ADMIN' })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema })
  changeRole(
    @CurrentActor() actor: Actor,
    @UuidParam('userId') userId: string,
    @ZodBody(MemberRoleUpdateRequestSchema) request: MemberRoleUpdateRequest,
  ): Promise<Member> {
    return this.members.changeRole(actor, userId, request.role);
  }

  @Post(':userId/disable')
  @HttpCode(200)
  @OrganizationAccess(Permission.MemberManage)
  @ApiOperation({
    summary: "Disable a membership: ends all the user's sessions and revokes their grants on this organisation's cases",
  })
  @ApiOkResponse({ standardSchema: MemberSchema })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'LAST_ORGANIZATION_ADMIN' })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema })
  disable(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string): Promise<Member> {
    return this.members.disable(actor, userId);
  }

  @Post(':userId/enable')
  @HttpCode(200)
  @OrganizationAccess(Permission.MemberManage)
  @ApiOperation({ summary: 'Enable a disabled membership again (revoked grants stay revoked)' })
  @ApiOkResponse({ standardSchema: MemberSchema })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema })
  enable(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string): Promise<Member> {
    return this.members.enable(actor, userId);
  }
}
