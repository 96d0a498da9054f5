import { z } from 'zod';
import { ProceedingStatusSchema, ProceedingTypeSchema } from './enums';
import { IdSchema, optionalRecordText } from './fields';
import { PastDaySchema } from './cases';
import { ForumSchema } from './forums';
import { PastHistoricDateSchema } from './partial-dates';
import { VersionSchema } from './organizations';

const proceedingFields = {
  forumId: IdSchema,
  type: ProceedingTypeSchema,
  /** As the court writes it: `HRC No. 29388-S of 2018`, `C.P. No. D-1234 of 2019`, FIR `123/1994`. */
  caseNumber: optionalRecordText(100),
  filed: PastHistoricDateSchema.nullable().default(null),
  /** Lawyers (users holding a grant on the case) acting in this proceeding. */
  counselIds: z.array(IdSchema).max(20, 'Use at most 20 counsel').default([]),
  respondents: optionalRecordText(2000),
  reliefSought: optionalRecordText(4000),
  /** The proceeding this one appeals, in the same case. */
  appealsProceedingId: IdSchema.nullable().default(null),
  /** The order (a filing of the appealed proceeding) under appeal. */
  appealsFilingId: IdSchema.nullable().default(null),
  /** The proceeding this one was transferred from (another forum), in the same case. */
  transferredFromId: IdSchema.nullable().default(null),
};

function checkLinks(value: { appealsProceedingId: string | null; appealsFilingId: string | null }, context: z.RefinementCtx) {
  if (value.appealsFilingId && !value.appealsProceedingId) {
    context.addIssue({ code: 'custom', path: ['appealsFilingId'], message: 'Choose the proceeding the order belongs to' });
  }
}

export const CreateProceedingRequestSchema = z
  .strictObject({
    ...proceedingFields,
    /** Where the proceeding stands now; back-filled proceedings may start anywhere. */
    status: ProceedingStatusSchema.default('DRAFT'),
  })
  .superRefine(checkLinks);
export type CreateProceedingRequest = z.infer<typeof CreateProceedingRequestSchema>;

/** A whole replacement of the editable fields (status changes go through the status route). */
export const UpdateProceedingRequestSchema = z.strictObject({ ...proceedingFields, version: VersionSchema }).superRefine(checkLinks);
export type UpdateProceedingRequest = z.infer<typeof UpdateProceedingRequestSchema>;

export const ChangeProceedingStatusRequestSchema = z.strictObject({
  to: ProceedingStatusSchema,
  /** When it happened; may be long past (back-filling), never in the future. */
  effectiveOn: PastDaySchema,
  note: optionalRecordText(2000),
  version: VersionSchema,
});
export type ChangeProceedingStatusRequest = z.infer<typeof ChangeProceedingStatusRequestSchema>;

export const CounselSchema = z.object({ userId: z.uuid(), displayName: z.string() });
export type Counsel = z.infer<typeof CounselSchema>;

export const ProceedingStatusChangeSchema = z.object({
  id: z.uuid(),
  fromStatus: ProceedingStatusSchema.nullable(),
  toStatus: ProceedingStatusSchema,
  effectiveOn: z.string(),
  note: z.string().nullable(),
  changedById: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type ProceedingStatusChange = z.infer<typeof ProceedingStatusChangeSchema>;

export const ProceedingSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  forum: ForumSchema,
  type: ProceedingTypeSchema,
  caseNumber: z.string().nullable(),
  filed: z.object({ from: z.string(), to: z.string().nullable() }).nullable(),
  counsel: z.array(CounselSchema),
  respondents: z.string().nullable(),
  reliefSought: z.string().nullable(),
  status: ProceedingStatusSchema,
  /** The states the status route accepts next (from the one transition table). */
  allowedNextStatuses: z.array(ProceedingStatusSchema),
  appealsProceedingId: z.uuid().nullable(),
  appealsFilingId: z.uuid().nullable(),
  transferredFromId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Proceeding = z.infer<typeof ProceedingSchema>;

export const ProceedingDetailSchema = ProceedingSchema.extend({
  /** Oldest first. */
  statusChanges: z.array(ProceedingStatusChangeSchema),
});
export type ProceedingDetail = z.infer<typeof ProceedingDetailSchema>;

export const ProceedingListResponseSchema = z.object({ items: z.array(ProceedingSchema) });
export type ProceedingListResponse = z.infer<typeof ProceedingListResponseSchema>;

/** An illegal transition answers 409 with this body's `allowed` list next to the usual error. */
export const IllegalTransitionResponseSchema = z.object({
  error: z.object({ code: z.literal('ILLEGAL_TRANSITION'), message: z.string(), allowed: z.array(ProceedingStatusSchema) }),
});

/** Exact lookup by case number (sent in a body: a case number never goes into a URL). */
export const CaseNumberLookupRequestSchema = z.strictObject({
  caseNumber: z.string().trim().min(1, 'Enter the case number').max(100, 'Use at most 100 characters'),
});
export type CaseNumberLookupRequest = z.infer<typeof CaseNumberLookupRequestSchema>;

export const CaseNumberMatchSchema = z.object({
  proceedingId: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  type: ProceedingTypeSchema,
  forumName: z.string(),
  status: ProceedingStatusSchema,
});
export type CaseNumberMatch = z.infer<typeof CaseNumberMatchSchema>;

export const CaseNumberLookupResponseSchema = z.object({ items: z.array(CaseNumberMatchSchema) });
export type CaseNumberLookupResponse = z.infer<typeof CaseNumberLookupResponseSchema>;
