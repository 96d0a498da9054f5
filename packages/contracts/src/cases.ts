import { z } from 'zod';
import { CaseStatusSchema, GrantLevelSchema } from './enums';
import { IdSchema } from './fields';
import { HistoricDateFilterSchema, parsePartialDate } from './partial-dates';

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

/** One dated, attributed change of the case's status (the first one opens the case as MISSING). */
export const CaseStatusChangeSchema = z.object({
  id: z.uuid(),
  fromStatus: CaseStatusSchema.nullable(),
  toStatus: CaseStatusSchema,
  /** The day the change took effect (`YYYY-MM-DD`), which may lie before the day it was recorded. */
  effectiveOn: z.iso.date(),
  note: z.string().nullable(),
  changedById: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type CaseStatusChange = z.infer<typeof CaseStatusChangeSchema>;

export const CaseResponseSchema = CaseSummarySchema.extend({
  organizationId: z.uuid(),
  version: z.number().int(),
  assignedCaseworkerId: z.uuid().nullable(),
  /** Oldest first. */
  statusHistory: z.array(CaseStatusChangeSchema),
  /** What the viewer may do on this case. */
  access: z.object({ level: GrantLevelSchema, breakGlass: z.boolean() }),
});
export type CaseResponse = z.infer<typeof CaseResponseSchema>;

export const CaseListResponseSchema = z.object({ items: z.array(CaseSummarySchema), nextCursor: z.string().nullable() });
export type CaseListResponse = z.infer<typeof CaseListResponseSchema>;

const VersionSchema = z.number({ error: 'Send the version you last read' }).int().positive('Not a valid version');

/** Today in UTC as `YYYY-MM-DD`, plus one day: a date entered in Pakistan may be "tomorrow" in UTC. */
const latestAllowedDay = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** A calendar day that has happened: `YYYY-MM-DD`, not before 1900, not in the future. */
export const PastDaySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD')
  .refine((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day) || parsePartialDate(day) !== null, 'This date does not exist')
  .refine((day) => day <= latestAllowedDay(), 'This date is in the future');

/** A change of status, dated when it took effect; carries the case version last read. */
export const CaseStatusChangeRequestSchema = z.strictObject({
  status: CaseStatusSchema,
  effectiveOn: PastDaySchema,
  note: z
    .string()
    .trim()
    .max(2000, 'Use at most 2000 characters')
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .default(null),
  version: VersionSchema,
});
export type CaseStatusChangeRequest = z.infer<typeof CaseStatusChangeRequestSchema>;

/** Tags and the assigned caseworker; fields left out stay as they are. */
export const UpdateCaseRequestSchema = z.strictObject({
  tags: z.array(CaseTagSchema).max(20, 'Use at most 20 tags').optional(),
  assignedCaseworkerId: IdSchema.nullable().optional(),
  version: VersionSchema,
});
export type UpdateCaseRequest = z.infer<typeof UpdateCaseRequestSchema>;

/**
 * The case list's filters, sent as query parameters (none of them is personal data). A
 * disappearance range keeps the cases whose last-seen dates overlap it; cases without a date are
 * left out when it is set.
 */
export const CaseListQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int('Not a whole number').min(1, 'At least 1').max(100, 'At most 100').optional(),
  status: CaseStatusSchema.optional(),
  tag: CaseTagSchema.optional(),
  assignedCaseworkerId: IdSchema.optional(),
  disappearedFrom: HistoricDateFilterSchema.shape.from,
  disappearedTo: HistoricDateFilterSchema.shape.to,
  updatedFrom: z.iso.date('Enter the date as YYYY-MM-DD').optional(),
  updatedTo: z.iso.date('Enter the date as YYYY-MM-DD').optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

/**
 * An exact search, sent in a POST body so the term never appears in an address or a log line.
 * A name matches a person whose name holds every word of the query (either script); an ID number
 * matches exactly. Never fuzzy.
 */
export const CaseSearchRequestSchema = z.discriminatedUnion(
  'by',
  [
    z.strictObject({
      by: z.literal('nationalId'),
      nationalIdCountry: z.string().regex(/^[A-Z]{2}$/, 'Choose a country (two-letter code)').default('PK'),
      nationalId: z.string().trim().min(1, 'Enter an ID number').max(50, 'Use at most 50 characters'),
    }),
    z.strictObject({
      by: z.literal('name'),
      name: z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters'),
    }),
  ],
  { error: 'Choose what to search by' },
);
export type CaseSearchRequest = z.infer<typeof CaseSearchRequestSchema>;

export const CaseSearchResponseSchema = z.object({ items: z.array(CaseSummarySchema) });
export type CaseSearchResponse = z.infer<typeof CaseSearchResponseSchema>;

/** A member a case can be assigned to (an active caseworker or administrator of the organisation). */
export const AssignableCaseworkerSchema = z.object({ id: z.uuid(), displayName: z.string() });
export const AssignableCaseworkersResponseSchema = z.object({ items: z.array(AssignableCaseworkerSchema) });
export type AssignableCaseworkersResponse = z.infer<typeof AssignableCaseworkersResponseSchema>;
