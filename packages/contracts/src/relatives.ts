import { z } from 'zod';
import { RecordVersionSchema } from './disappearances';
import { optionalRecordText, recordText } from './fields';
import { IdSchema } from './fields';
import { PhoneNumberSchema } from './people';

export const RelationshipSchema = z.enum(['MOTHER', 'FATHER', 'WIFE', 'HUSBAND', 'SON', 'DAUGHTER', 'BROTHER', 'SISTER', 'OTHER'], {
  error: 'Choose how they are related',
});
export type Relationship = z.infer<typeof RelationshipSchema>;

/**
 * A relative of the missing person the case works with. `userId` links them to their account in
 * the organisation (a member with the FAMILY role), so the case can be shared with them.
 */
export const RelativeRequestSchema = z.strictObject({
  relationship: RelationshipSchema,
  name: recordText(200, 'Enter a name'),
  phones: z.array(PhoneNumberSchema).max(10, 'Use at most 10 phone numbers').default([]),
  address: optionalRecordText(1000),
  notes: optionalRecordText(10000),
  userId: IdSchema.nullable().default(null),
});
export type RelativeRequest = z.infer<typeof RelativeRequestSchema>;

/** An edit carries the version it read. */
export const RelativeUpdateRequestSchema = RelativeRequestSchema.extend({ version: RecordVersionSchema });
export type RelativeUpdateRequest = z.infer<typeof RelativeUpdateRequestSchema>;

export const RelativeResponseSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  relationship: RelationshipSchema,
  name: z.string(),
  phones: z.array(z.string()),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  userId: z.uuid().nullable(),
  /** The linked account's display name. */
  userName: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type RelativeResponse = z.infer<typeof RelativeResponseSchema>;

export const RelativeListResponseSchema = z.object({ relatives: z.array(RelativeResponseSchema) });
export type RelativeListResponse = z.infer<typeof RelativeListResponseSchema>;
