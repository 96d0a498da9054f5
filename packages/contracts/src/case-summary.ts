import { z } from 'zod';
import { CaseResponseSchema } from './cases';
import { DiaryPageResponseSchema } from './diary';
import { DisappearanceResponseSchema } from './disappearances';
import { HearingSchema } from './hearings';
import { MissingPersonResponseSchema } from './people';
import { ProceedingSchema } from './proceedings';

export const CaseSummaryQuerySchema = z.strictObject({
  /** How many of the latest diary entries to include. */
  diaryLimit: z.coerce.number().int('Not a whole number').min(1, 'At least 1').max(100, 'At most 100').optional(),
});
export type CaseSummaryQuery = z.infer<typeof CaseSummaryQuerySchema>;

/**
 * The whole case on one page (the summary and its printout) in one answer: null where a record is
 * not made yet; every proceeding with all its hearings; the latest diary entries.
 */
export const CaseSummaryResponseSchema = z.object({
  case: CaseResponseSchema,
  person: MissingPersonResponseSchema.nullable(),
  disappearance: DisappearanceResponseSchema.nullable(),
  proceedings: z.array(z.object({ proceeding: ProceedingSchema, hearings: z.array(HearingSchema) })),
  diary: DiaryPageResponseSchema,
});
export type CaseSummaryResponse = z.infer<typeof CaseSummaryResponseSchema>;
