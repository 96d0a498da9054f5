import { Controller, Get, Param, Patch, Post, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  DownloadDispositionSchema,
  FilingListResponseSchema,
  FilingResponseSchema,
  FilingUpdateRequestSchema,
  FilingUploadResponseSchema,
  type FilingListResponse,
  type FilingResponse,
  type FilingUpdateRequest,
  type FilingUploadResponse,
} from '@lapata/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { BlobCleanup, sendDownload } from '../storage/download';
import { EncryptedFileService } from '../storage/encrypted-file.service';
import type { RequestWithUpload } from '../storage/upload-spool';
import { FilingService } from './filing.service';

const VersionNumberSchema = z.coerce.number().int().positive().max(1_000_000);

@ApiTags('filings')
@Controller('cases/:caseId/filings')
export class FilingController {
  constructor(
    private readonly filings: FilingService,
    private readonly files: EncryptedFileService,
  ) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "The case's documents with their versions, newest document date first" })
  @ApiOkResponse({ standardSchema: FilingListResponseSchema })
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<FilingListResponse> {
    return this.filings.list(actor, caseId);
  }

  @Post()
  @CaseAccess(Permission.CaseContribute)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Add a document: multipart fields `metadata` (JSON, FilingCreateRequest) and `file` (PDF, JPEG, PNG, WebP or DOCX by content). Same content already in the case is reported in `duplicates` and stored anyway.',
  })
  @ApiOkResponse({ standardSchema: FilingUploadResponseSchema })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Req() request: RequestWithUpload,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FilingUploadResponse> {
    return this.filings.create(actor, caseId, request.upload, new BlobCleanup(response, this.files));
  }

  @Get(':filingId')
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: 'One document with its versions' })
  @ApiOkResponse({ standardSchema: FilingResponseSchema })
  get(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string, @UuidParam('filingId') filingId: string): Promise<FilingResponse> {
    return this.filings.get(actor, caseId, filingId);
  }

  @Patch(':filingId')
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: "Replace a document's details; carries the version read (stale: 409)" })
  @ApiOkResponse({ standardSchema: FilingResponseSchema })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('filingId') filingId: string,
    @ZodBody(FilingUpdateRequestSchema) request: FilingUpdateRequest,
  ): Promise<FilingResponse> {
    return this.filings.update(actor, caseId, filingId, request);
  }

  @Post(':filingId/versions')
  @CaseAccess(Permission.CaseContribute)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a corrected or newer copy (multipart field `file`) as the next version' })
  @ApiOkResponse({ standardSchema: FilingUploadResponseSchema })
  addVersion(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('filingId') filingId: string,
    @Req() request: RequestWithUpload,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FilingUploadResponse> {
    return this.filings.addVersion(actor, caseId, filingId, request.upload, new BlobCleanup(response, this.files));
  }

  @Get(':filingId/versions/:number/content')
  @CaseAccess(Permission.CaseRead)
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'application/octet-stream')
  @ApiOperation({ summary: 'A version of the document, decrypted; `?disposition=inline` to preview it' })
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('filingId') filingId: string,
    @Param('number', { schema: VersionNumberSchema }) number: number,
    @Query('disposition', { schema: DownloadDispositionSchema }) disposition: 'inline' | 'attachment',
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return sendDownload(response, await this.filings.download(actor, caseId, filingId, number, disposition));
  }
}
