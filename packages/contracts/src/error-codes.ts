// Apart from errors.ts, which needs zod: the browser reads these codes on every page and loads zod
// only when it has an answer to check.
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
