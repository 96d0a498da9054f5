import { z } from 'zod';
import { RoleSchema } from './enums';
import { EmailSchema, IdSchema, NewPasswordSchema } from './fields';

/** How long a password reset link works. */
export const PASSWORD_RESET_LIFETIME_MINUTES = 30;

/**
 * Where a session stands with its second factor: `satisfied` (signed in), `challenge` (the code
 * from the authenticator app is still due) or `enrolment` (the organisation requires two-step
 * sign-in and the user has not set it up yet).
 */
export const MfaStateSchema = z.enum(['satisfied', 'challenge', 'enrolment']);
export type MfaStateName = z.infer<typeof MfaStateSchema>;

/** A password being checked, not set: only its presence and a sane length are validated. */
export const PasswordInputSchema = z.string().min(1, 'Enter your password').max(256, 'Use at most 256 characters');

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  password: PasswordInputSchema,
  /** Work in this organisation, when the user belongs to it; otherwise their first one. */
  organizationId: IdSchema.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** One organisation the user belongs to, as sign-in and "who am I" list them. */
export const MembershipSummarySchema = z.object({
  organizationId: z.uuid(),
  name: z.string(),
  role: RoleSchema,
});
export type MembershipSummary = z.infer<typeof MembershipSummarySchema>;

export const LoginResponseSchema = z.object({
  mfa: MfaStateSchema,
  activeOrganizationId: z.uuid().nullable(),
  organizations: z.array(MembershipSummarySchema),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** Who is signed in (`GET /auth/session`). */
export const SessionResponseSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  locale: z.string(),
  mfa: MfaStateSchema,
  activeOrganization: MembershipSummarySchema.nullable(),
  organizations: z.array(MembershipSummarySchema),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const AccountSessionSchema = z.object({
  id: z.uuid(),
  /** The session this request was made with. */
  current: z.boolean(),
  /** Browser and system, e.g. "Firefox on Android"; null when the browser did not say. */
  device: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
});
export type AccountSession = z.infer<typeof AccountSessionSchema>;

export const AccountSessionListResponseSchema = z.object({ sessions: z.array(AccountSessionSchema) });
export type AccountSessionListResponse = z.infer<typeof AccountSessionListResponseSchema>;

export const EndedSessionsResponseSchema = z.object({ ended: z.number().int().min(0) });
export type EndedSessionsResponse = z.infer<typeof EndedSessionsResponseSchema>;

/** The API's field message for a new password found on the list of common passwords. */
export const COMMON_PASSWORD_MESSAGE = 'This password is one of the most common ones. Choose one that is harder to guess.';

export const PasswordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password').max(256, 'Use at most 256 characters'),
  newPassword: NewPasswordSchema,
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequestSchema>;

export const PasswordResetRequestSchema = z.strictObject({ email: EmailSchema });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

/** The same answer whether or not an account uses the address. */
export const PasswordResetRequestedResponseSchema = z.object({ message: z.string() });
export type PasswordResetRequestedResponse = z.infer<typeof PasswordResetRequestedResponseSchema>;

/** The token from the emailed link: 256 random bits, base64url. */
export const PasswordResetTokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This reset link is not valid. Ask for a new one.');

export const PasswordResetCompleteRequestSchema = z.strictObject({
  token: PasswordResetTokenSchema,
  newPassword: NewPasswordSchema,
});
export type PasswordResetCompleteRequest = z.infer<typeof PasswordResetCompleteRequestSchema>;
