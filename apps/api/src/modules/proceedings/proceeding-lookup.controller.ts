import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CaseNumberLookupRequestSchema,
  CaseNumberLookupResponseSchema,
  type CaseNumberLookupRequest,
  type CaseNumberLookupResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CurrentActor, OrganizationAccess } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { ProceedingService } from './proceeding.service';

@ApiTags('proceedings')
@Controller('proceedings')
export class ProceedingLookupController {
  constructor(private readonly proceedings: ProceedingService) {}

  @Post('lookup')
  @HttpCode(200)
  @OrganizationAccess(Permission.CaseList)
  @ApiOperation({ summary: 'Find proceedings in your cases by their exact case number (sent in the body, never in the URL)' })
  @ApiOkResponse({ standardSchema: CaseNumberLookupResponseSchema })
  lookup(@CurrentActor() actor: Actor, @ZodBody(CaseNumberLookupRequestSchema) request: CaseNumberLookupRequest): Promise<CaseNumberLookupResponse> {
    return this.proceedings.lookupByCaseNumber(actor, request);
  }
}
