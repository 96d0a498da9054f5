import { Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MissingPersonRequestSchema,
  MissingPersonResponseSchema,
  type MissingPersonRequest,
  type MissingPersonResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { PersonService } from './person.service';

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
  @ApiOperation({ summary: "Record or replace the case's missing person; an update carries the version it read" })
  @ApiOkResponse({ standardSchema: MissingPersonResponseSchema })
  put(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(MissingPersonRequestSchema) request: MissingPersonRequest,
  ): Promise<MissingPersonResponse> {
    return this.people.put(actor, caseId, request);
  }
}
