import { z } from 'zod';
import { EmailSchema, NewPasswordSchema, PersonNameSchema } from './fields';

export const CaseReferencePrefixSchema = z
  .string()
  .trim()
  .regex(/^[A-Z]{2,6}$/, 'Use 2 to 6 capital letters, e.g. KHI');

export const OrganizationNameSchema = z.string().trim().min(2, 'Enter the organisation name').max(120);

export const SetupStatusResponseSchema = z.object({ needed: z.boolean() });
export type SetupStatusResponse = z.infer<typeof SetupStatusResponseSchema>;

export const SetupRequestSchema = z.strictObject({
  token: z.string().trim().min(1, 'Enter the setup token printed by the server'),
  organizationName: OrganizationNameSchema,
  caseReferencePrefix: CaseReferencePrefixSchema,
  adminName: PersonNameSchema,
  adminEmail: EmailSchema,
  password: NewPasswordSchema,
});
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

export const SetupResponseSchema = z.object({ organizationId: z.uuid(), userId: z.uuid() });
export type SetupResponse = z.infer<typeof SetupResponseSchema>;
