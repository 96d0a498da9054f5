import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateForumKindRequestSchema,
  CreateForumRequestSchema,
  ForumKindListResponseSchema,
  ForumKindSchema,
  ForumListResponseSchema,
  ForumSchema,
  type CreateForumKindRequest,
  type CreateForumRequest,
  type Forum,
  type ForumKind,
  type ForumKindListResponse,
  type ForumListResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CurrentActor, OrganizationAccess } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { ForumService } from './forum.service';

@ApiTags('forums')
@Controller()
export class ForumController {
  constructor(private readonly forums: ForumService) {}

  @Get('forum-kinds')
  @OrganizationAccess(Permission.OrganizationRead)
  @ApiOperation({ summary: "Kinds of forum: the built-in list and the organisation's own" })
  @ApiOkResponse({ standardSchema: ForumKindListResponseSchema })
  findKinds(@CurrentActor() actor: Actor): Promise<ForumKindListResponse> {
    return this.forums.findKinds(actor);
  }

  @Post('forum-kinds')
  @HttpCode(201)
  @OrganizationAccess(Permission.OrganizationUpdate)
  @ApiOperation({ summary: 'Add a kind of forum to the organisation (administrators)' })
  @ApiOkResponse({ standardSchema: ForumKindSchema })
  createKind(@CurrentActor() actor: Actor, @ZodBody(CreateForumKindRequestSchema) request: CreateForumKindRequest): Promise<ForumKind> {
    return this.forums.createKind(actor, request);
  }

  @Get('forums')
  @OrganizationAccess(Permission.OrganizationRead)
  @ApiOperation({ summary: "The organisation's forums (courts and bodies)" })
  @ApiOkResponse({ standardSchema: ForumListResponseSchema })
  findForums(@CurrentActor() actor: Actor): Promise<ForumListResponse> {
    return this.forums.findForums(actor);
  }

  @Post('forums')
  @HttpCode(201)
  @OrganizationAccess(Permission.CaseCreate)
  @ApiOperation({ summary: 'Add a forum; its time zone defaults to the organisation’s' })
  @ApiOkResponse({ standardSchema: ForumSchema })
  createForum(@CurrentActor() actor: Actor, @ZodBody(CreateForumRequestSchema) request: CreateForumRequest): Promise<Forum> {
    return this.forums.createForum(actor, request);
  }
}
