import { z } from 'zod';
import { LocaleSchema, RoleSchema } from './enums';
import { EmailSchema, PersonNameSchema } from './fields';

/** How long an invitation link works. */
export const INVITATION_LIFETIME_DAYS = 7;

export const InvitationCreateRequestSchema = z.strictObject({
  email: EmailSchema,
  role: RoleSchema,
  /** The language of the mail and of the page its link opens (the invitee's, if known); English by default. */
  locale: LocaleSchema.optional(),
});
export type InvitationCreateRequest = z.infer<typeof InvitationCreateRequestSchema>;

/** A pending invitation as its organisation's administrators see it. */
export const InvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: RoleSchema,
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  /** Null when the inviting account no longer belongs to the organisation. */
  invitedBy: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationListResponseSchema = z.object({ invitations: z.array(InvitationSchema) });
export type InvitationListResponse = z.infer<typeof InvitationListResponseSchema>;

/**
 * The secret from the invitation link. It travels in request bodies, never in an API path, so
 * that request logs cannot hold it. Any malformed value is simply a link that is not valid.
 */
export const InvitationTokenSchema = z.string().max(200, 'This invitation link is no longer valid.');

export const InvitationPreviewRequestSchema = z.strictObject({ token: InvitationTokenSchema });
export type InvitationPreviewRequest = z.infer<typeof InvitationPreviewRequestSchema>;

/**
 * What the link shows before accepting. It never says whether an account exists for the invited
 * address: the person signs in or creates an account, whichever applies to them.
 */
export const InvitationPreviewSchema = z.object({
  organizationName: z.string(),
  role: RoleSchema,
  emailRequired: z.literal(true),
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

/**
 * Accepting: with `displayName` a new account is created (unless the address already has one, in
 * which case the password must be that account's); without it, the person signs in with an
 * existing account. Either way the email must be the invited address.
 */
export const InvitationAcceptRequestSchema = z.strictObject({
  token: InvitationTokenSchema,
  email: EmailSchema,
  password: z.string().min(1, 'Enter your password').max(256, 'Use at most 256 characters'),
  displayName: PersonNameSchema.optional(),
});
export type InvitationAcceptRequest = z.infer<typeof InvitationAcceptRequestSchema>;

export const InvitationAcceptResponseSchema = z.object({
  organizationId: z.uuid(),
  /** `satisfied`: signed in; otherwise the second factor (challenge or enrolment) comes next. */
  mfa: z.enum(['satisfied', 'challenge', 'enrolment']),
});
export type InvitationAcceptResponse = z.infer<typeof InvitationAcceptResponseSchema>;
