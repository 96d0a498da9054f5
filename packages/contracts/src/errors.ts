import { z } from 'zod';

/**
 * The one shape every API failure has. `fields` maps a dotted field path to its messages;
 * `currentVersion` comes with STALE_VERSION: the version the record is at now.
 */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
    currentVersion: z.number().int().optional(),
    /** With ILLEGAL_TRANSITION: the states the record may move to from where it is. */
    allowed: z.array(z.string()).optional(),
    /** With a refused PFIF import: each failing record's field messages (see pfif.ts). */
    records: z
      .array(z.object({ index: z.number().int(), personRecordId: z.string().nullable(), errors: z.record(z.string(), z.array(z.string())) }))
      .optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  MfaRequired: 'MFA_REQUIRED',
  CsrfRejected: 'CSRF_REJECTED',
  Conflict: 'CONFLICT',
  StaleVersion: 'STALE_VERSION',
  IllegalTransition: 'ILLEGAL_TRANSITION',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  RateLimited: 'RATE_LIMITED',
  SetupUnavailable: 'SETUP_UNAVAILABLE',
  InvalidSetupToken: 'INVALID_SETUP_TOKEN',
  InvalidResetToken: 'INVALID_RESET_TOKEN',
  InvitationInvalid: 'INVITATION_INVALID',
  InvitationEmailMismatch: 'INVITATION_EMAIL_MISMATCH',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  LastOrganizationAdmin: 'LAST_ORGANIZATION_ADMIN',
  AlreadyMember: 'ALREADY_MEMBER',
  InvalidMfaCode: 'INVALID_MFA_CODE',
  MfaRequiredByOrganization: 'MFA_REQUIRED_BY_ORGANIZATION',
  InvalidPasskey: 'INVALID_PASSKEY',
  InternalError: 'INTERNAL_ERROR',
  ApiUnavailable: 'API_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
