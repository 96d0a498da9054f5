import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type PhotoListResponse, type PhotoResponse } from '@lapata/contracts';
import type { FieldContext } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ApiError, NotFoundError } from '../../common/errors/api-error';
import { AuditService } from '../audit/audit.service';
import { CaseKeyService } from '../people/case-key.service';
import type { BlobCleanup, Download } from '../storage/download';
import { EncryptedFileService } from '../storage/encrypted-file.service';
import { IMAGE_TYPES, detectType, readAll, stripImageMetadata, EXTENSIONS } from '../storage/file-content';
import { PHOTO_MAX_BYTES, readSpooledFile, requireSpooledFile, type SpooledUpload } from '../storage/upload-spool';
import { PhotoRepository, type PhotoRow } from './photo.repository';

/** A photo's blob is bound to its organisation, case and row: copied to another photo, it does not decrypt. */
export const photoContext = (organizationId: string, caseId: string, photoId: string): FieldContext => ({
  organizationId,
  table: 'photos',
  column: 'content',
  // Two fixed-length uuids: joining them is unambiguous.
  rowId: `${caseId}/${photoId}`,
});

@Injectable()
export class PhotoService {
  constructor(
    private readonly access: AccessService,
    private readonly photos: PhotoRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly files: EncryptedFileService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, caseId: string): Promise<PhotoListResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const rows = await this.photos.findByCase(caseId);
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'photo',
      entityId: null,
      action: 'list',
      fields: ['mimeType', 'sizeBytes'],
      breakGlass: access.breakGlass,
    });
    return { items: rows.map(toResponse) };
  }

  async upload(actor: Actor, caseId: string, upload: SpooledUpload | undefined, cleanup: BlobCleanup): Promise<PhotoResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const file = requireSpooledFile(upload, PHOTO_MAX_BYTES);
    const personId = await this.photos.findPersonId(caseId);
    if (!personId) throw new ApiError(409, ErrorCode.Conflict, 'Record the missing person before adding photos.');

    const type = await detectType(readSpooledFile(file), IMAGE_TYPES, 'a JPEG, PNG or WebP image');
    const image = await stripImageMetadata(await readAll(readSpooledFile(file)), type);
    const photoId = uuidv7();
    const key = await this.caseKeys.currentKey(access.organizationId, caseId);
    const stored = await this.files.store(Readable.from([image]), key, photoContext(access.organizationId, caseId, photoId));
    cleanup.removeIfFails(stored.storageKey);
    const row = await this.photos.create({
      id: photoId,
      organizationId: access.organizationId,
      missingPersonId: personId,
      storageKey: stored.storageKey,
      mimeType: type,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      uploadedById: actor.userId,
    });
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'photo',
      entityId: photoId,
      action: 'create',
      fields: ['content'],
      breakGlass: access.breakGlass,
    });
    return toResponse(row);
  }

  async download(actor: Actor, caseId: string, photoId: string): Promise<Download> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.photos.findById(caseId, photoId);
    if (!row) throw new NotFoundError();
    const keys = await this.caseKeys.allKeys(caseId);
    const content = await this.files.open(row.storageKey, keys, photoContext(row.organizationId, caseId, row.id), row);
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'photo',
      entityId: row.id,
      action: 'download',
      fields: ['content'],
      breakGlass: access.breakGlass,
    });
    const extension = EXTENSIONS[row.mimeType as keyof typeof EXTENSIONS] ?? 'bin';
    return { content, mimeType: row.mimeType, sizeBytes: row.sizeBytes, fileName: `photo.${extension}`, disposition: 'inline' };
  }

  async delete(actor: Actor, caseId: string, photoId: string, cleanup: BlobCleanup): Promise<void> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const row = await this.photos.findById(caseId, photoId);
    if (!row) throw new NotFoundError();
    await this.photos.delete(row.id);
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'photo',
      entityId: row.id,
      action: 'delete',
      fields: ['content'],
      breakGlass: access.breakGlass,
    });
    cleanup.removeIfSucceeds(row.storageKey);
  }
}

function toResponse(row: PhotoRow): PhotoResponse {
  return {
    id: row.id,
    mimeType: row.mimeType as PhotoResponse['mimeType'],
    sizeBytes: row.sizeBytes,
    createdAt: row.createdAt.toISOString(),
  };
}
