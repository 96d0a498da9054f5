import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangeProceedingStatusRequestSchema,
  CreateProceedingRequestSchema,
  ProceedingDetailSchema,
  ProceedingListResponseSchema,
  UpdateProceedingRequestSchema,
  type ChangeProceedingStatusRequest,
  type CreateProceedingRequest,
  type ProceedingDetail,
  type ProceedingListResponse,
  type UpdateProceedingRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { ProceedingService } from './proceeding.service';

@ApiTags('proceedings')
@Controller('cases/:caseId/proceedings')
export class ProceedingController {
  constructor(private readonly proceedings: ProceedingService) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "The case's proceedings, decrypted (each read audited)" })
  @ApiOkResponse({ standardSchema: ProceedingListResponseSchema })
  findByCase(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<ProceedingListResponse> {
    return this.proceedings.findByCase(actor, caseId);
  }

  @Post()
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Record a proceeding before a forum of the organisation' })
  @ApiOkResponse({ standardSchema: ProceedingDetailSchema })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(CreateProceedingRequestSchema) request: CreateProceedingRequest,
  ): Promise<ProceedingDetail> {
    return this.proceedings.create(actor, caseId, request);
  }

  @Get(':proceedingId')
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: 'One proceeding with its status timeline' })
  @ApiOkResponse({ standardSchema: ProceedingDetailSchema })
  getById(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('proceedingId') proceedingId: string,
  ): Promise<ProceedingDetail> {
    return this.proceedings.getById(actor, caseId, proceedingId);
  }

  @Patch(':proceedingId')
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Replace the editable fields; carries the version read (409 when stale)' })
  @ApiOkResponse({ standardSchema: ProceedingDetailSchema })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('proceedingId') proceedingId: string,
    @ZodBody(UpdateProceedingRequestSchema) request: UpdateProceedingRequest,
  ): Promise<ProceedingDetail> {
    return this.proceedings.update(actor, caseId, proceedingId, request);
  }

  @Post(':proceedingId/status')
  @HttpCode(200)
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Move the status along the transition table; 409 with `allowed` otherwise' })
  @ApiOkResponse({ standardSchema: ProceedingDetailSchema })
  changeStatus(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('proceedingId') proceedingId: string,
    @ZodBody(ChangeProceedingStatusRequestSchema) request: ChangeProceedingStatusRequest,
  ): Promise<ProceedingDetail> {
    return this.proceedings.changeStatus(actor, caseId, proceedingId, request);
  }
}
