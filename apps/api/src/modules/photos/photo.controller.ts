import { Controller, Delete, Get, HttpCode, Post, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PhotoListResponseSchema, PhotoResponseSchema, type PhotoListResponse, type PhotoResponse } from '@lapata/contracts';
import type { Response } from 'express';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { CaseAccess, CurrentActor } from '../../access/route-access';
import { UuidParam } from '../../common/validation/decorators';
import { BlobCleanup, sendDownload } from '../storage/download';
import { EncryptedFileService } from '../storage/encrypted-file.service';
import type { RequestWithUpload } from '../storage/upload-spool';
import { PhotoService } from './photo.service';

@ApiTags('photos')
@Controller('cases/:caseId/person/photos')
export class PhotoController {
  constructor(
    private readonly photos: PhotoService,
    private readonly files: EncryptedFileService,
  ) {}

  @Get()
  @CaseAccess(Permission.CaseRead)
  @ApiOperation({ summary: "The missing person's photos (metadata; each photo is downloaded on its own)" })
  @ApiOkResponse({ standardSchema: PhotoListResponseSchema })
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<PhotoListResponse> {
    return this.photos.list(actor, caseId);
  }

  @Post()
  @CaseAccess(Permission.CaseContribute)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Add a photo (multipart field `file`): JPEG, PNG or WebP by content, at most 10 MB; EXIF and GPS are removed',
  })
  @ApiOkResponse({ standardSchema: PhotoResponseSchema })
  upload(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Req() request: RequestWithUpload,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PhotoResponse> {
    return this.photos.upload(actor, caseId, request.upload, new BlobCleanup(response, this.files));
  }

  @Get(':photoId')
  @CaseAccess(Permission.CaseRead)
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOperation({ summary: 'The photo itself, decrypted, to show inline' })
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('photoId') photoId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return sendDownload(response, await this.photos.download(actor, caseId, photoId));
  }

  @Delete(':photoId')
  @HttpCode(204)
  @CaseAccess(Permission.CaseContribute)
  @ApiOperation({ summary: 'Delete a photo and its stored file' })
  @ApiNoContentResponse()
  delete(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('photoId') photoId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    return this.photos.delete(actor, caseId, photoId, new BlobCleanup(response, this.files));
  }
}
