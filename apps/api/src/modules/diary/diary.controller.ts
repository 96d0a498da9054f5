import { Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DiaryEntryRequestSchema,
  DiaryEntryResponseSchema,
  DiaryEntryUpdateRequestSchema,
  DiaryListQuerySchema,
  DiaryPageResponseSchema,
  type DiaryEntryRequest,
  type DiaryEntryResponse,
  type DiaryEntryUpdateRequest,
  type DiaryListQuery,
  type DiaryPageResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { DiaryService } from './diary.service';

@ApiTags('diary')
@Controller('cases/:caseId/diary')
export class DiaryController {
  constructor(private readonly diary: DiaryService) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "A page of the case diary, newest first; pass the previous page's nextCursor for the next" })
  @ApiOkResponse({ standardSchema: DiaryPageResponseSchema })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query({ schema: DiaryListQuerySchema }) query: DiaryListQuery,
  ): Promise<DiaryPageResponse> {
    return this.diary.list(actor, caseId, query);
  }

  @Post()
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Add a diary entry written by the caller' })
  @ApiCreatedResponse({ standardSchema: DiaryEntryResponseSchema })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(DiaryEntryRequestSchema) request: DiaryEntryRequest,
  ): Promise<DiaryEntryResponse> {
    return this.diary.create(actor, caseId, request);
  }

  @Put(':entryId')
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: "Change a diary entry (its author, or someone who manages the case); carries the version it read" })
  @ApiOkResponse({ standardSchema: DiaryEntryResponseSchema })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('entryId') entryId: string,
    @ZodBody(DiaryEntryUpdateRequestSchema) request: DiaryEntryUpdateRequest,
  ): Promise<DiaryEntryResponse> {
    return this.diary.update(actor, caseId, entryId, request);
  }

  @Delete(':entryId')
  @HttpCode(204)
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Remove a diary entry (its author, or someone who manages the case)' })
  @ApiNoContentResponse()
  delete(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string, @UuidParam('entryId') entryId: string): Promise<void> {
    return this.diary.delete(actor, caseId, entryId);
  }
}
