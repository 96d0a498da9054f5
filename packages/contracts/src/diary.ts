import { z } from 'zod';
import { RecordVersionSchema } from './disappearances';
import { recordText } from './fields';
import { DiaryEntryKindSchema } from './enums';
import { PastHistoricDateSchema } from './partial-dates';

/** A dated entry in the case diary: a visit, a call, a police contact... never in the future. */
export const DiaryEntryRequestSchema = z.strictObject({
  kind: z.enum(DiaryEntryKindSchema.options, { error: 'Choose what kind of entry this is' }),
  occurred: PastHistoricDateSchema,
  body: recordText(20000, 'Write what happened'),
});
export type DiaryEntryRequest = z.infer<typeof DiaryEntryRequestSchema>;

export const DiaryEntryUpdateRequestSchema = DiaryEntryRequestSchema.extend({ version: RecordVersionSchema });
export type DiaryEntryUpdateRequest = z.infer<typeof DiaryEntryUpdateRequestSchema>;

/** Newest first; `cursor` is the `nextCursor` of the page before. */
export const DiaryListQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int('Not a whole number').min(1, 'At least 1').max(100, 'At most 100').optional(),
});
export type DiaryListQuery = z.infer<typeof DiaryListQuerySchema>;

export const DiaryEntryResponseSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: DiaryEntryKindSchema,
  occurred: z.object({ from: z.string(), to: z.string().nullable() }),
  body: z.string(),
  authorId: z.uuid(),
  authorName: z.string(),
  /** The viewer wrote it or manages the case (and is not in read-only break-glass access). */
  canEdit: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DiaryEntryResponse = z.infer<typeof DiaryEntryResponseSchema>;

export const DiaryPageResponseSchema = z.object({
  entries: z.array(DiaryEntryResponseSchema),
  nextCursor: z.string().nullable(),
});
export type DiaryPageResponse = z.infer<typeof DiaryPageResponseSchema>;
