import { z } from 'zod';
import { RoleSchema } from './enums';
import { IdSchema } from './fields';
import { OrganizationNameSchema } from './setup';

/** True when the runtime knows `zone` as an IANA time zone (e.g. Asia/Karachi). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1, 'Choose a time zone')
  .max(64, 'Choose a time zone from the list, e.g. Asia/Karachi')
  .refine(isTimeZone, 'Choose a time zone from the list, e.g. Asia/Karachi');

/** Optimistic concurrency: the version the client last read. */
export const VersionSchema = z.number().int().positive();

export const OrganizationResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  caseReferencePrefix: z.string(),
  timeZone: z.string(),
  requireMfa: z.boolean(),
  version: z.number().int(),
});
export type OrganizationResponse = z.infer<typeof OrganizationResponseSchema>;

export const OrganizationUpdateRequestSchema = z
  .strictObject({
    version: VersionSchema,
    name: OrganizationNameSchema.optional(),
    timeZone: TimeZoneSchema.optional(),
  })
  .refine((update) => update.name !== undefined || update.timeZone !== undefined, {
    message: 'Change the name or the time zone',
    path: ['name'],
  });
export type OrganizationUpdateRequest = z.infer<typeof OrganizationUpdateRequestSchema>;

/** One organisation the signed-in user belongs to (live memberships only). */
export const AccountOrganizationSchema = z.object({
  organizationId: z.uuid(),
  name: z.string(),
  role: RoleSchema,
  /** The organisation this session works in. */
  active: z.boolean(),
});
export type AccountOrganization = z.infer<typeof AccountOrganizationSchema>;

export const AccountOrganizationListResponseSchema = z.object({ organizations: z.array(AccountOrganizationSchema) });
export type AccountOrganizationListResponse = z.infer<typeof AccountOrganizationListResponseSchema>;

export const OrganizationSwitchRequestSchema = z.strictObject({ organizationId: IdSchema });
export type OrganizationSwitchRequest = z.infer<typeof OrganizationSwitchRequestSchema>;

export const OrganizationSwitchResponseSchema = z.object({ organizationId: z.uuid(), role: RoleSchema });
export type OrganizationSwitchResponse = z.infer<typeof OrganizationSwitchResponseSchema>;

export const MemberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  role: RoleSchema,
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListResponseSchema = z.object({ members: z.array(MemberSchema) });
export type MemberListResponse = z.infer<typeof MemberListResponseSchema>;

export const MemberRoleUpdateRequestSchema = z.strictObject({ role: RoleSchema });
export type MemberRoleUpdateRequest = z.infer<typeof MemberRoleUpdateRequestSchema>;
