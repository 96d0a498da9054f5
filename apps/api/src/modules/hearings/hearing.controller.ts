import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateHearingRequestSchema,
  HearingListResponseSchema,
  HearingOutcomeResponseSchema,
  HearingSchema,
  HearingWriteResponseSchema,
  RecordHearingOutcomeRequestSchema,
  UpdateHearingRequestSchema,
  type CreateHearingRequest,
  type Hearing,
  type HearingListResponse,
  type HearingOutcomeResponse,
  type HearingWriteResponse,
  type RecordHearingOutcomeRequest,
  type UpdateHearingRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { HearingService } from './hearing.service';

@ApiTags('hearings')
@Controller('cases/:caseId')
export class HearingController {
  constructor(private readonly hearings: HearingService) {}

  @Get('proceedings/:proceedingId/hearings')
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "A proceeding's hearings, oldest first (each read audited)" })
  @ApiOkResponse({ standardSchema: HearingListResponseSchema })
  findByProceeding(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('proceedingId') proceedingId: string,
  ): Promise<HearingListResponse> {
    return this.hearings.findByProceeding(actor, caseId, proceedingId);
  }

  @Post('proceedings/:proceedingId/hearings')
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: "Schedule a hearing at the forum's wall-clock time; warns of counsel overlaps" })
  @ApiOkResponse({ standardSchema: HearingWriteResponseSchema })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('proceedingId') proceedingId: string,
    @ZodBody(CreateHearingRequestSchema) request: CreateHearingRequest,
  ): Promise<HearingWriteResponse> {
    return this.hearings.create(actor, caseId, proceedingId, request);
  }

  @Get('hearings/:hearingId')
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: 'One hearing, decrypted' })
  @ApiOkResponse({ standardSchema: HearingSchema })
  getById(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string, @UuidParam('hearingId') hearingId: string): Promise<Hearing> {
    return this.hearings.getById(actor, caseId, hearingId);
  }

  @Patch('hearings/:hearingId')
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Move or correct a hearing; carries the version read (409 when stale)' })
  @ApiOkResponse({ standardSchema: HearingWriteResponseSchema })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('hearingId') hearingId: string,
    @ZodBody(UpdateHearingRequestSchema) request: UpdateHearingRequest,
  ): Promise<HearingWriteResponse> {
    return this.hearings.update(actor, caseId, hearingId, request);
  }

  @Post('hearings/:hearingId/outcome')
  @HttpCode(200)
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Record what happened; a next date creates the next hearing in the same transaction' })
  @ApiOkResponse({ standardSchema: HearingOutcomeResponseSchema })
  recordOutcome(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('hearingId') hearingId: string,
    @ZodBody(RecordHearingOutcomeRequestSchema) request: RecordHearingOutcomeRequest,
  ): Promise<HearingOutcomeResponse> {
    return this.hearings.recordOutcome(actor, caseId, hearingId, request);
  }
}
