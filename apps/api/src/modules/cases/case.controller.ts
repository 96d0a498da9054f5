import { Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AssignableCaseworkersResponseSchema,
  CaseListQuerySchema,
  CaseListResponseSchema,
  CaseResponseSchema,
  CaseSearchRequestSchema,
  CaseSearchResponseSchema,
  CaseStatusChangeRequestSchema,
  CreateCaseRequestSchema,
  UpdateCaseRequestSchema,
  type AssignableCaseworkersResponse,
  type CaseListQuery,
  type CaseListResponse,
  type CaseResponse,
  type CaseSearchRequest,
  type CaseSearchResponse,
  type CaseStatusChangeRequest,
  type CreateCaseRequest,
  type UpdateCaseRequest,
} from '@lapata/contracts';
import type { Response } from 'express';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { CaseSearchRule, withRetryAfter } from '../people/search-limit';
import { CaseService } from './case.service';

@ApiTags('cases')
@Controller('cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Post()
  @HttpCode(201)
  @OrganizationAccess(Permission.CaseCreate)
  @ApiOperation({ summary: 'Open a case in the active organisation; its reference carries no personal data' })
  @ApiOkResponse({ standardSchema: CaseResponseSchema })
  create(@CurrentActor() actor: Actor, @ZodBody(CreateCaseRequestSchema) request: CreateCaseRequest): Promise<CaseResponse> {
    return this.cases.create(actor, request);
  }

  @Get()
  @OrganizationAccess(Permission.CaseList)
  @ApiOperation({
    summary: 'The cases the user may see, newest activity first, filtered by status, tag, caseworker, disappearance or update dates',
  })
  @ApiOkResponse({ standardSchema: CaseListResponseSchema })
  list(@CurrentActor() actor: Actor, @Query({ schema: CaseListQuerySchema }) query: CaseListQuery): Promise<CaseListResponse> {
    return this.cases.list(actor, query);
  }

  @Post('search')
  @HttpCode(200)
  @OrganizationAccess(Permission.CaseList)
  @ApiOperation({
    summary: 'Exact search by ID number or name among the cases the user may see; the term goes in the body. Rate-limited per user, audited without the term',
  })
  @ApiOkResponse({ standardSchema: CaseSearchResponseSchema })
  search(
    @CurrentActor() actor: Actor,
    @ZodBody(CaseSearchRequestSchema) request: CaseSearchRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseSearchResponse> {
    return withRetryAfter(response, CaseSearchRule, () => this.cases.search(actor, request));
  }

  @Get('caseworkers')
  @OrganizationAccess(Permission.CaseCreate)
  @ApiOperation({ summary: "The organisation's active caseworkers and administrators, who cases can be assigned to" })
  @ApiOkResponse({ standardSchema: AssignableCaseworkersResponseSchema })
  caseworkers(@CurrentActor() actor: Actor): Promise<AssignableCaseworkersResponse> {
    return this.cases.assignableCaseworkers(actor);
  }

  @Get(':caseId')
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: 'One case, with its status history' })
  @ApiOkResponse({ standardSchema: CaseResponseSchema })
  get(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<CaseResponse> {
    return this.cases.get(actor, caseId);
  }

  @Patch(':caseId')
  @CaseAccess(Permission.CaseManage)
  @ApiOperation({ summary: "Change the case's tags or assigned caseworker (MANAGE); carries the version it read" })
  @ApiOkResponse({ standardSchema: CaseResponseSchema })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(UpdateCaseRequestSchema) request: UpdateCaseRequest,
  ): Promise<CaseResponse> {
    return this.cases.update(actor, caseId, request);
  }

  @Post(':caseId/status')
  @HttpCode(200)
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({
    summary: "Record a change of the case's status with the day it took effect (CONTRIBUTE: kept in the history, never overwritten)",
  })
  @ApiOkResponse({ standardSchema: CaseResponseSchema })
  changeStatus(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(CaseStatusChangeRequestSchema) request: CaseStatusChangeRequest,
  ): Promise<CaseResponse> {
    return this.cases.changeStatus(actor, caseId, request);
  }
}
