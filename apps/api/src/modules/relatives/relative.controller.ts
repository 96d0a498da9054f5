import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  RelativeListResponseSchema,
  RelativeRequestSchema,
  RelativeResponseSchema,
  RelativeUpdateRequestSchema,
  type RelativeListResponse,
  type RelativeRequest,
  type RelativeResponse,
  type RelativeUpdateRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { RelativeService } from './relative.service';

@ApiTags('relatives')
@Controller('cases/:caseId/relatives')
export class RelativeController {
  constructor(private readonly relatives: RelativeService) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "The missing person's relatives the case works with, decrypted" })
  @ApiOkResponse({ standardSchema: RelativeListResponseSchema })
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<RelativeListResponse> {
    return this.relatives.list(actor, caseId);
  }

  @Post()
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Add a relative; a linked account must be an active FAMILY member of the organisation' })
  @ApiCreatedResponse({ standardSchema: RelativeResponseSchema })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(RelativeRequestSchema) request: RelativeRequest,
  ): Promise<RelativeResponse> {
    return this.relatives.create(actor, caseId, request);
  }

  @Put(':relativeId')
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Replace a relative; carries the version it read' })
  @ApiOkResponse({ standardSchema: RelativeResponseSchema })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('relativeId') relativeId: string,
    @ZodBody(RelativeUpdateRequestSchema) request: RelativeUpdateRequest,
  ): Promise<RelativeResponse> {
    return this.relatives.update(actor, caseId, relativeId, request);
  }

  @Delete(':relativeId')
  @HttpCode(204)
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Remove a relative from the case' })
  @ApiNoContentResponse()
  delete(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string, @UuidParam('relativeId') relativeId: string): Promise<void> {
    return this.relatives.delete(actor, caseId, relativeId);
  }
}
