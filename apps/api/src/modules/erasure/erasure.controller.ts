import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CaseDeletionRequestSchema,
  CaseDeletionResponseSchema,
  DeletedCaseListResponseSchema,
  type CaseDeletionRequest,
  type CaseDeletionResponse,
  type DeletedCaseListResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { ErasureService } from './erasure.service';

@ApiTags('erasure')
@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Post('cases/:caseId/deletion')
  @HttpCode(200)
  @CaseAccess(Permission.CaseDelete)
  @ApiOperation({ summary: 'Delete a case (administrators, with a reason); it can be restored until it is purged' })
  @ApiOkResponse({ standardSchema: CaseDeletionResponseSchema })
  delete(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ZodBody(CaseDeletionRequestSchema) request: CaseDeletionRequest,
  ): Promise<CaseDeletionResponse> {
    return this.erasure.delete(actor, caseId, request);
  }

  @Delete('cases/:caseId/deletion')
  @HttpCode(204)
  @CaseAccess(Permission.CaseRestore)
  @ApiOperation({ summary: 'Restore a deleted case within its restore window' })
  restore(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<void> {
    return this.erasure.restore(actor, caseId);
  }

  @Get('organizations/current/deleted-cases')
  @OrganizationAccess(Permission.OrganizationUpdate)
  @ApiOperation({ summary: "The organisation's deleted cases that can still be restored (administrators)" })
  @ApiOkResponse({ standardSchema: DeletedCaseListResponseSchema })
  listDeleted(@CurrentActor() actor: Actor): Promise<DeletedCaseListResponse> {
    return this.erasure.listDeleted(actor);
  }
}
