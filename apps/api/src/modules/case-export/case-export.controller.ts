import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CaseExportSchema,
  PFIF_IMPORT_MAX_BYTES,
  PfifImportResponseSchema,
  type CaseExport,
  type PfifImportResponse,
} from '@lapata/contracts';
import type { Response } from 'express';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor, OrganizationAccess } from '../../access/route-access';
import { UuidParam } from '../../common/validation/decorators';
import type { RequestWithPfif } from './pfif-body.middleware';
import { CaseExportService } from './case-export.service';
import { PfifImportService } from './pfif-import.service';

/** A download: never cached, saved under a name made of the case reference only. */
function asAttachment(response: Response, fileName: string, contentType: string): void {
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  response.setHeader('Cache-Control', 'no-store');
}

@ApiTags('export')
@Controller('cases')
export class CaseExportController {
  constructor(
    private readonly exports: CaseExportService,
    private readonly imports: PfifImportService,
  ) {}

  @Get(':caseId/export.json')
  @CaseAccess(Permission.CaseExport)
  @ApiOperation({ summary: "The case's whole record as one versioned JSON document (file metadata, not file content); audited as an export" })
  @ApiOkResponse({ standardSchema: CaseExportSchema })
  async exportJson(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseExport> {
    const { fileName, document } = await this.exports.exportJson(actor, caseId);
    asAttachment(response, fileName, 'application/json; charset=utf-8');
    return document;
  }

  @Get(':caseId/export.pfif.xml')
  @CaseAccess(Permission.CaseExport)
  @ApiProduces('application/xml')
  @ApiOperation({ summary: 'The missing person as a PFIF 1.4 person record with a status note; audited as an export' })
  async exportPfif(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const file = await this.exports.exportPfif(actor, caseId);
    asAttachment(response, file.fileName, 'application/xml; charset=utf-8');
    return file.content;
  }

  @Post('import/pfif')
  @HttpCode(201)
  @OrganizationAccess(Permission.CaseCreate)
  @ApiConsumes('application/xml')
  @ApiOperation({
    summary: `Open one case per PFIF 1.4 person of the XML body (at most ${PFIF_IMPORT_MAX_BYTES / (1024 * 1024)} MB). All or nothing: any invalid record answers 422 with each record's field messages and creates nothing`,
  })
  @ApiOkResponse({ standardSchema: PfifImportResponseSchema })
  importPfif(@CurrentActor() actor: Actor, @Req() request: RequestWithPfif): Promise<PfifImportResponse> {
    return this.imports.importPfif(actor, request.pfifBody);
  }
}
