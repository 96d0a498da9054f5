import { z } from 'zod';
import { CaseStatusSchema, GrantLevelSchema } from './enums';
import { IdSchema } from './fields';

export const CaseTagSchema = z
  .string()
  .trim()
  .min(1, 'Tags cannot be empty')
  .max(40, 'Use at most 40 characters per tag')
  .regex(/^[\p{L}\p{N} _-]+$/u, 'Use letters, digits, spaces, - and _ only');

export const CreateCaseRequestSchema = z.strictObject({
  tags: z.array(CaseTagSchema).max(20, 'Use at most 20 tags').default([]),
  assignedCaseworkerId: IdSchema.nullable().optional(),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequestSchema>;

export const CaseSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: CaseStatusSchema,
  tags: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseResponseSchema = CaseSummarySchema.extend({
  organizationId: z.uuid(),
  version: z.number().int(),
  /** What the viewer may do on this case. */
  access: z.object({ level: GrantLevelSchema, breakGlass: z.boolean() }),
});
export type CaseResponse = z.infer<typeof CaseResponseSchema>;

export const CaseListResponseSchema = z.object({ items: z.array(CaseSummarySchema), nextCursor: z.string().nullable() });
export type CaseListResponse = z.infer<typeof CaseListResponseSchema>;
