import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  FilingCreateRequestSchema,
  historicDateBounds,
  historicDateFromBounds,
  type FilingCreateRequest,
  type FilingKind,
  type FilingListResponse,
  type FilingResponse,
  type FilingUpdateRequest,
  type FilingUploadResponse,
} from '@lapata/contracts';
import { decryptString, encryptString, type FieldContext, type KeySource } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { NotFoundError, StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { fieldMessages } from '../../common/validation/schema-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CaseKeyService } from '../people/case-key.service';
import type { BlobCleanup, Download } from '../storage/download';
import { EncryptedFileService, type StoredFile } from '../storage/encrypted-file.service';
import { DOCUMENT_TYPES, EXTENSIONS, detectType, isImageType, readAll, stripImageMetadata, type DocumentType } from '../storage/file-content';
import { readSpooledFile, requireSpooledFile, type SpooledFile, type SpooledUpload } from '../storage/upload-spool';
import { FilingRepository, type FilingColumns, type FilingRow } from './filing.repository';

/** Metadata fields as the API names them (audit events list names, never values). */
const FILING_FIELDS = ['kind', 'title', 'documentDate', 'issuingForumId', 'proceedingId', 'hearingId'];

const titleContext = (organizationId: string, filingId: string): FieldContext => ({
  organizationId,
  table: 'filings',
  column: 'title_enc',
  rowId: filingId,
});

/** A version's blob is bound to its organisation, case and row: copied to another version, it does not decrypt. */
export const filingVersionContext = (organizationId: string, caseId: string, versionId: string): FieldContext => ({
  organizationId,
  table: 'filing_versions',
  column: 'content',
  // Two fixed-length uuids: joining them is unambiguous.
  rowId: `${caseId}/${versionId}`,
});

@Injectable()
export class FilingService {
  constructor(
    private readonly access: AccessService,
    private readonly filings: FilingRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly files: EncryptedFileService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, caseId: string): Promise<FilingListResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const rows = await this.filings.findByCase(caseId);
    const keys = await this.caseKeys.allKeys(caseId);
    await this.record(actor, access, caseId, null, 'list', FILING_FIELDS);
    return { items: rows.map((row) => toResponse(row, keys)) };
  }

  async get(actor: Actor, caseId: string, filingId: string): Promise<FilingResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.filings.findById(caseId, filingId);
    if (!row) throw new NotFoundError();
    await this.record(actor, access, caseId, row.id, 'read', FILING_FIELDS);
    return toResponse(row, await this.caseKeys.allKeys(caseId));
  }

  async create(actor: Actor, caseId: string, upload: SpooledUpload | undefined, cleanup: BlobCleanup): Promise<FilingUploadResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const request = parseMetadata(upload);
    const file = requireSpooledFile(upload, this.config.maxDocumentBytes);
    await this.checkLinks(access.organizationId, caseId, request);

    const filingId = uuidv7();
    const versionId = uuidv7();
    const stored = await this.storeDocument(file, access.organizationId, caseId, versionId, cleanup);
    const columns = await this.columns(access.organizationId, caseId, filingId, request);
    await this.filings.create({
      id: filingId,
      organizationId: access.organizationId,
      caseId,
      columns,
      first: { id: versionId, organizationId: access.organizationId, number: 1, uploadedById: actor.userId, ...stored },
    });
    await this.record(actor, access, caseId, filingId, 'create', [...FILING_FIELDS, 'content']);
    return this.uploaded(access.organizationId, caseId, filingId, versionId, stored);
  }

  async update(actor: Actor, caseId: string, filingId: string, request: FilingUpdateRequest): Promise<FilingResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.filings.findById(caseId, filingId);
    if (!existing) throw new NotFoundError();
    if (request.version !== existing.version) throw new StaleVersionError(existing.version);
    await this.checkLinks(access.organizationId, caseId, request);
    const columns = await this.columns(access.organizationId, caseId, filingId, request);
    if (!(await this.filings.update(filingId, existing.version, columns))) {
      throw new StaleVersionError((await this.filings.currentVersion(filingId)) ?? existing.version);
    }
    await this.record(actor, access, caseId, filingId, 'update', FILING_FIELDS);
    const row = await this.filings.findById(caseId, filingId);
    if (!row) throw new NotFoundError();
    return toResponse(row, await this.caseKeys.allKeys(caseId));
  }

  /** A corrected or newer copy: version N+1. Earlier versions stay retrievable. */
  async addVersion(
    actor: Actor,
    caseId: string,
    filingId: string,
    upload: SpooledUpload | undefined,
    cleanup: BlobCleanup,
  ): Promise<FilingUploadResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const existing = await this.filings.findById(caseId, filingId);
    if (!existing) throw new NotFoundError();
    const file = requireSpooledFile(upload, this.config.maxDocumentBytes);
    const versionId = uuidv7();
    const stored = await this.storeDocument(file, access.organizationId, caseId, versionId, cleanup);
    // Two uploads racing for the same number: the unique (filing_id, number) makes the second a 409.
    const number = (await this.filings.latestNumber(filingId)) + 1;
    await this.filings.addVersion(filingId, {
      id: versionId,
      organizationId: access.organizationId,
      number,
      uploadedById: actor.userId,
      ...stored,
    });
    await this.record(actor, access, caseId, filingId, 'add_version', ['content']);
    return this.uploaded(access.organizationId, caseId, filingId, versionId, stored);
  }

  async download(
    actor: Actor,
    caseId: string,
    filingId: string,
    number: number,
    disposition: 'inline' | 'attachment',
  ): Promise<Download> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const version = await this.filings.findVersion(caseId, filingId, number);
    if (!version) throw new NotFoundError();
    const keys = await this.caseKeys.allKeys(caseId);
    const content = await this.files.open(version.storageKey, keys, filingVersionContext(access.organizationId, caseId, version.id), {
      sha256: version.sha256,
      sizeBytes: Number(version.sizeBytes),
    });
    await this.record(actor, access, caseId, filingId, 'download', [`content.v${number}`]);
    const reference = (await this.filings.caseReference(caseId))?.reference ?? 'case';
    return {
      content,
      mimeType: version.mimeType,
      sizeBytes: Number(version.sizeBytes),
      fileName: downloadName(reference, version.kind, number, version.mimeType),
      disposition,
    };
  }

  /** Checks the content's real type, strips image metadata, encrypts and stores it. */
  private async storeDocument(
    file: SpooledFile,
    organizationId: string,
    caseId: string,
    versionId: string,
    cleanup: BlobCleanup,
  ): Promise<StoredFile & { mimeType: DocumentType }> {
    const mimeType = await detectType(readSpooledFile(file), DOCUMENT_TYPES, 'a PDF, JPEG, PNG, WebP or Word (DOCX) document');
    const content = isImageType(mimeType)
      ? Readable.from([await stripImageMetadata(await readAll(readSpooledFile(file)), mimeType)])
      : readSpooledFile(file);
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    const stored = await this.files.store(content, key, filingVersionContext(organizationId, caseId, versionId));
    cleanup.removeIfFails(stored.storageKey);
    return { ...stored, mimeType };
  }

  private async uploaded(
    organizationId: string,
    caseId: string,
    filingId: string,
    versionId: string,
    stored: StoredFile,
  ): Promise<FilingUploadResponse> {
    const duplicates = await this.filings.findSameContent(organizationId, caseId, stored.sha256, versionId);
    const row = await this.filings.findById(caseId, filingId);
    if (!row) throw new NotFoundError();
    return { filing: toResponse(row, await this.caseKeys.allKeys(caseId)), duplicates };
  }

  private async checkLinks(organizationId: string, caseId: string, request: FilingCreateRequest): Promise<void> {
    const fields: Record<string, string[]> = {};
    if (request.issuingForumId && !(await this.filings.forumOfOrganization(organizationId, request.issuingForumId))) {
      fields.issuingForumId = ["Choose one of your organisation's forums"];
    }
    if (request.proceedingId && !(await this.filings.proceedingOfCase(caseId, request.proceedingId))) {
      fields.proceedingId = ['Choose a proceeding of this case'];
    }
    if (request.hearingId) {
      const hearing = await this.filings.hearingOfCase(caseId, request.hearingId);
      if (!hearing) fields.hearingId = ['Choose a hearing of this case'];
      else if (request.proceedingId && hearing.proceedingId !== request.proceedingId) {
        fields.hearingId = ['Choose a hearing of the chosen proceeding'];
      }
    }
    if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  }

  private async columns(organizationId: string, caseId: string, filingId: string, request: FilingCreateRequest): Promise<FilingColumns> {
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    const bounds = request.documentDate ? historicDateBounds(request.documentDate) : null;
    return {
      kind: request.kind,
      titleEnc: new Uint8Array(encryptString(request.title, key, titleContext(organizationId, filingId))),
      documentFrom: bounds ? new Date(bounds.from) : null,
      documentTo: bounds ? new Date(bounds.to) : null,
      documentPrecision: bounds?.precision ?? null,
      issuingForumId: request.issuingForumId,
      proceedingId: request.proceedingId,
      hearingId: request.hearingId,
    };
  }

  private record(
    actor: Actor,
    access: { organizationId: string; breakGlass: boolean },
    caseId: string,
    entityId: string | null,
    action: string,
    fields: string[],
  ): Promise<void> {
    return this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'filing',
      entityId,
      action,
      fields,
      breakGlass: access.breakGlass,
    });
  }
}

/** The multipart field `metadata`, parsed by the shared schema. */
function parseMetadata(upload: SpooledUpload | undefined): FilingCreateRequest {
  const text = upload?.fields.metadata;
  if (text === undefined) {
    throw new ValidationError({ metadata: ['Send the document details as the multipart field "metadata" (JSON).'] });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError({ metadata: ['The document details are not valid JSON.'] });
  }
  const result = FilingCreateRequestSchema.safeParse(value);
  if (!result.success) throw new ValidationError(fieldMessages(result.error.issues));
  return result.data;
}

/** `LPT-2026-0007-fir-copy-v2.pdf`: made from the case reference and kind, never the uploader's name. */
export function downloadName(reference: string, kind: FilingKind, number: number, mimeType: string): string {
  const safeReference = reference.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40) || 'case';
  const extension = EXTENSIONS[mimeType as DocumentType] ?? 'bin';
  return `${safeReference}-${kind.toLowerCase().replace(/_/g, '-')}-v${number}.${extension}`;
}

function toResponse(row: FilingRow, keys: KeySource): FilingResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    title: decryptString(row.titleEnc, keys, titleContext(row.organizationId, row.id)),
    documentDate:
      row.documentFrom && row.documentTo && row.documentPrecision
        ? historicDateFromBounds({
            from: row.documentFrom.toISOString().slice(0, 10),
            to: row.documentTo.toISOString().slice(0, 10),
            precision: row.documentPrecision,
          })
        : null,
    issuingForumId: row.issuingForumId,
    proceedingId: row.proceedingId,
    hearingId: row.hearingId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    versions: row.versions.map((version) => ({
      number: version.number,
      mimeType: version.mimeType as DocumentType,
      sizeBytes: Number(version.sizeBytes),
      createdAt: version.createdAt.toISOString(),
    })),
  };
}
