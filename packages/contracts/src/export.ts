import { z } from 'zod';
import { CaseResponseSchema } from './cases';
import { DiaryEntryResponseSchema } from './diary';
import { DisappearanceResponseSchema } from './disappearances';
import { FilingResponseSchema } from './filings';
import { HearingSchema } from './hearings';
import { MissingPersonResponseSchema } from './people';
import { PhotoResponseSchema } from './photos';
import { ProceedingDetailSchema } from './proceedings';
import { RelativeResponseSchema } from './relatives';

export const CASE_EXPORT_FORMAT = 'lapata-case-export';
export const CASE_EXPORT_VERSION = 1;

/**
 * The whole record of one case as `GET /cases/:caseId/export.json` answers it: a versioned
 * document, decrypted, holding what the exporting user may read. Files are listed by their
 * metadata only, never their bytes. A section not recorded yet is null or an empty list.
 */
export const CaseExportSchema = z.object({
  format: z.literal(CASE_EXPORT_FORMAT),
  version: z.literal(CASE_EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  case: CaseResponseSchema.omit({ access: true }).extend({
    person: MissingPersonResponseSchema.nullable(),
    /** Metadata of the missing person's photos (no image content). */
    photos: z.array(PhotoResponseSchema),
    disappearance: DisappearanceResponseSchema.nullable(),
    relatives: z.array(RelativeResponseSchema),
    /** In the diary's own order (as its pages list it). */
    diary: z.array(DiaryEntryResponseSchema),
    /** Each with its status changes and hearings. */
    proceedings: z.array(ProceedingDetailSchema.extend({ hearings: z.array(HearingSchema) })),
    /** Metadata of each filed or received document (no file content). */
    filings: z.array(FilingResponseSchema),
  }),
});
export type CaseExport = z.infer<typeof CaseExportSchema>;
