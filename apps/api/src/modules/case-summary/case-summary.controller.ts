import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseSummaryQuerySchema, CaseSummaryResponseSchema, type CaseSummaryQuery, type CaseSummaryResponse } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam } from '../../common/validation/decorators';
import { CaseSummaryService } from './case-summary.service';

@ApiTags('cases')
@Controller('cases/:caseId/summary')
export class CaseSummaryController {
  constructor(private readonly summaries: CaseSummaryService) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({
    summary: 'The whole case in one answer: the case, missing person, disappearance, proceedings with their hearings, latest diary entries',
  })
  @ApiOkResponse({ standardSchema: CaseSummaryResponseSchema })
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query({ schema: CaseSummaryQuerySchema }) query: CaseSummaryQuery,
  ): Promise<CaseSummaryResponse> {
    return this.summaries.get(actor, caseId, query);
  }
}
