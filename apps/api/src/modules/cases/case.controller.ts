import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CaseListResponseSchema,
  CaseResponseSchema,
  CreateCaseRequestSchema,
  type CaseListResponse,
  type CaseResponse,
  type CreateCaseRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
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
  @ApiOperation({ summary: 'The cases the user may see, newest activity first' })
  @ApiOkResponse({ standardSchema: CaseListResponseSchema })
  list(@CurrentActor() actor: Actor, @Query('cursor') cursor?: string): Promise<CaseListResponse> {
    return this.cases.list(actor, cursor);
  }

  @Get(':caseId')
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: 'One case' })
  @ApiOkResponse({ standardSchema: CaseResponseSchema })
  get(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<CaseResponse> {
    return this.cases.get(actor, caseId);
  }
}
