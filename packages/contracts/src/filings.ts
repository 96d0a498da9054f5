import { z } from 'zod';
import { IdSchema } from './fields';
import { PastHistoricDateSchema } from './partial-dates';

export const FILING_KINDS = ['PETITION', 'ORDER', 'AFFIDAVIT', 'FIR_COPY', 'COMMISSION_REPORT', 'LETTER', 'PHOTO', 'OTHER'] as const;
export const FilingKindSchema = z.enum(FILING_KINDS, { error: 'Choose a kind of document' });
export type FilingKind = z.infer<typeof FilingKindSchema>;

/** What a document may be: its type is read from its content, never from its name. */
export const DOCUMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES);

const optionalId = IdSchema.nullable().default(null);

const filingFields = {
  kind: FilingKindSchema,
  title: z.string().trim().min(1, 'Enter a title').max(300, 'Use at most 300 characters'),
  /** When the document was issued or signed (a year, a month, a day or a range). */
  documentDate: PastHistoricDateSchema.nullable().default(null),
  issuingForumId: optionalId,
  proceedingId: optionalId,
  hearingId: optionalId,
};

/**
 * A new filing: sent as the multipart field `metadata` (JSON) beside the field `file`, so the
 * document and what it is arrive in one request.
 */
export const FilingCreateRequestSchema = z.strictObject(filingFields);
export type FilingCreateRequest = z.infer<typeof FilingCreateRequestSchema>;

/** A filing's metadata, sent whole with the version last read. */
export const FilingUpdateRequestSchema = z.strictObject({
  ...filingFields,
  version: z.number({ error: 'Send the version you last read' }).int().positive('Not a valid version'),
});
export type FilingUpdateRequest = z.infer<typeof FilingUpdateRequestSchema>;

export const FilingVersionResponseSchema = z.strictObject({
  number: z.number().int().positive(),
  mimeType: DocumentTypeSchema,
  sizeBytes: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type FilingVersionResponse = z.infer<typeof FilingVersionResponseSchema>;

export const FilingResponseSchema = z.strictObject({
  id: IdSchema,
  caseId: IdSchema,
  kind: FilingKindSchema,
  title: z.string(),
  documentDate: z.strictObject({ from: z.string(), to: z.string().nullable() }).nullable(),
  issuingForumId: IdSchema.nullable(),
  proceedingId: IdSchema.nullable(),
  hearingId: IdSchema.nullable(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Newest first. */
  versions: z.array(FilingVersionResponseSchema),
});
export type FilingResponse = z.infer<typeof FilingResponseSchema>;

/**
 * After an upload: the filing, and earlier versions of this case with exactly the same content
 * (same SHA-256). The upload is stored anyway; the list is a warning. Matches in other cases are
 * not reported: the uploader may have no access to them.
 */
export const FilingUploadResponseSchema = z.strictObject({
  filing: FilingResponseSchema,
  duplicates: z.array(z.strictObject({ filingId: IdSchema, number: z.number().int().positive() })),
});
export type FilingUploadResponse = z.infer<typeof FilingUploadResponseSchema>;

export const FilingListResponseSchema = z.strictObject({ items: z.array(FilingResponseSchema) });
export type FilingListResponse = z.infer<typeof FilingListResponseSchema>;

export const DownloadDispositionSchema = z.enum(['attachment', 'inline']).default('attachment');
