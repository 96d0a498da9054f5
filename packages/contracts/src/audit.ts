import { z } from 'zod';
import { RoleSchema } from './enums';

/**
 * One audit event as people may see it: who, what kind of record, which fields, when. Never a
 * value: the trail itself holds field names only.
 */
export const AuditEntrySchema = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  /** The actor's display name; null for the system (a purge) or an account that no longer exists. */
  actorName: z.string().nullable(),
  /** The actor's role in the case's organisation, when they are a member of it. */
  actorRole: RoleSchema.nullable(),
  caseId: z.uuid().nullable(),
  entity: z.string(),
  action: z.string(),
  fields: z.array(z.string()),
  breakGlass: z.boolean(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

const AuditWordSchema = z
  .string()
  .trim()
  .regex(/^[a-z_]{1,40}$/, 'Use lower-case letters and _ only');

const DateSchema = z.iso.date('Enter a date as YYYY-MM-DD');

/** A page of a case's trail: newest first. */
export const CaseAuditQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
});
export type CaseAuditQuery = z.infer<typeof CaseAuditQuerySchema>;

/** The organisation's whole trail, filtered. Dates are whole UTC days, both ends included. */
export const OrganizationAuditQuerySchema = z
  .strictObject({
    cursor: z.string().max(200).optional(),
    actorId: z.uuid('Not a valid id').optional(),
    caseId: z.uuid('Not a valid id').optional(),
    action: AuditWordSchema.optional(),
    entity: AuditWordSchema.optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'The end date must not be before the start date',
  });
export type OrganizationAuditQuery = z.infer<typeof OrganizationAuditQuerySchema>;
