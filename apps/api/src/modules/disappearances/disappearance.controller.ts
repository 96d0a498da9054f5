import { Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DisappearanceRequestSchema,
  DisappearanceResponseSchema,
  type DisappearanceRequest,
  type DisappearanceResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { DisappearanceService } from './disappearance.service';

@ApiTags('disappearances')
@Controller('cases/:caseId/disappearance')
export class DisappearanceController {
  constructor(private readonly disappearances: DisappearanceService) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "The case's disappearance (last seen, circumstances, perpetrators, witnesses); 404 when none is recorded yet" })
  @ApiOkResponse({ standardSchema: DisappearanceResponseSchema })
  get(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<DisappearanceResponse> {
    return this.disappearances.get(actor, caseId);
  }

  @Put()
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: "Record or replace the case's disappearance; an update carries the version it read" })
  @ApiOkResponse({ standardSchema: DisappearanceResponseSchema })
  put(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(DisappearanceRequestSchema) request: DisappearanceRequest,
  ): Promise<DisappearanceResponse> {
    return this.disappearances.put(actor, caseId, request);
  }
}
