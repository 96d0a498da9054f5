import { Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DuplicateWarningSchema,
  MissingPersonRequestSchema,
  MissingPersonResponseSchema,
  MissingPersonSavedResponseSchema,
  type DuplicateWarning,
  type MissingPersonRequest,
  type MissingPersonResponse,
  type MissingPersonSavedResponse,
} from '@lapata/contracts';
import type { Response } from 'express';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { PersonService } from './person.service';
import { CaseSearchRule, withRetryAfter } from './search-limit';

@ApiTags('people')
@Controller('cases/:caseId/person')
export class PersonController {
  constructor(private readonly people: PersonService) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "The case's missing person, decrypted; 404 when none is recorded yet" })
  @ApiOkResponse({ standardSchema: MissingPersonResponseSchema })
  get(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<MissingPersonResponse> {
    return this.people.get(actor, caseId);
  }

  @Put()
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({
    summary: "Record or replace the case's missing person; an update carries the version it read. The answer warns of possible duplicates (saved anyway)",
  })
  @ApiOkResponse({ standardSchema: MissingPersonSavedResponseSchema })
  put(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(MissingPersonRequestSchema) request: MissingPersonRequest,
  ): Promise<MissingPersonSavedResponse> {
    return this.people.put(actor, caseId, request);
  }

  @Post('duplicate-check')
  @HttpCode(200)
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({
    summary: 'Before saving: other cases of the organisation with the same ID number or the same name and father\'s/husband\'s name. Rate-limited per user; nothing is saved',
  })
  @ApiOkResponse({ standardSchema: DuplicateWarningSchema })
  checkDuplicates(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(MissingPersonRequestSchema) request: MissingPersonRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DuplicateWarning> {
    return withRetryAfter(response, CaseSearchRule, () => this.people.checkDuplicates(actor, caseId, request));
  }
}
