import { z } from 'zod';

/** An administrator erases a case (a family's request, or the organisation's decision) with a reason. */
export const CaseDeletionRequestSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10, 'Say in a sentence why this case is being deleted')
    .max(500, 'Use at most 500 characters'),
});
export type CaseDeletionRequest = z.infer<typeof CaseDeletionRequestSchema>;

export const CaseDeletionResponseSchema = z.object({
  caseId: z.uuid(),
  deletedAt: z.iso.datetime(),
  /** From this moment on the case may be purged for good; until then an administrator can restore it. */
  purgeAfter: z.iso.datetime(),
});
export type CaseDeletionResponse = z.infer<typeof CaseDeletionResponseSchema>;

export const DeletedCaseSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  deletedAt: z.iso.datetime(),
  purgeAfter: z.iso.datetime(),
  deletedByName: z.string().nullable(),
  /** The administrator's stated reason, decrypted for administrators only. */
  reason: z.string().nullable(),
});
export type DeletedCase = z.infer<typeof DeletedCaseSchema>;

export const DeletedCaseListResponseSchema = z.object({ items: z.array(DeletedCaseSchema) });
export type DeletedCaseListResponse = z.infer<typeof DeletedCaseListResponseSchema>;
