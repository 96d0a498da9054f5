import { z } from 'zod';

/** The password the user signs in with, asked again before anything about their second factor changes. */
const CurrentPasswordSchema = z
  .string()
  .min(1, 'Enter your current password')
  .max(256, 'Use at most 256 characters');

/**
 * A code from the authenticator app (6 digits) or a recovery code (16 letters and digits, grouped
 * by dashes). Spaces and dashes are ignored; the server tells the two kinds apart.
 */
export const MfaCodeSchema = z
  .string()
  .transform((code) => code.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'Enter the code from your authenticator app or a recovery code')
      .max(32, 'Enter the code from your authenticator app or a recovery code')
      .regex(/^[0-9A-Za-z]+$/, 'Enter the code from your authenticator app or a recovery code'),
  );

/** A code from the authenticator app only: confirming a new set-up proves the app has the secret. */
export const TotpCodeSchema = z
  .string()
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app'));

/** Recovery codes come in sets of ten, shown once. */
export const RECOVERY_CODE_COUNT = 10;

export const PasskeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type Passkey = z.infer<typeof PasskeySchema>;

export const MfaStatusResponseSchema = z.object({
  totpEnabled: z.boolean(),
  /** Unused recovery codes; 0 when two-step sign-in is off. */
  recoveryCodesLeft: z.number().int().min(0),
  /** One of the user's organisations requires two-step sign-in, so it cannot be turned off. */
  requiredByOrganization: z.boolean(),
  /** Passkeys that can answer the second step instead of a code (only while the authenticator app is on). */
  passkeys: z.array(PasskeySchema),
});
export type MfaStatusResponse = z.infer<typeof MfaStatusResponseSchema>;

export const TotpSetupRequestSchema = z.strictObject({ currentPassword: CurrentPasswordSchema });
export type TotpSetupRequest = z.infer<typeof TotpSetupRequestSchema>;

export const TotpSetupResponseSchema = z.object({
  /** The secret for typing into the app by hand, in groups of four characters. */
  manualKey: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code, an SVG drawn by the server (`data:image/svg+xml;base64,...`). */
  qrCodeDataUrl: z.string(),
});
export type TotpSetupResponse = z.infer<typeof TotpSetupResponseSchema>;

export const TotpConfirmRequestSchema = z.strictObject({ code: TotpCodeSchema });
export type TotpConfirmRequest = z.infer<typeof TotpConfirmRequestSchema>;

/** Shown once; only their hashes are kept. */
export const RecoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT) });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponseSchema>;

export const RecoveryCodesRegenerateRequestSchema = z.strictObject({ currentPassword: CurrentPasswordSchema });
export type RecoveryCodesRegenerateRequest = z.infer<typeof RecoveryCodesRegenerateRequestSchema>;

export const TotpDisableRequestSchema = z.strictObject({ currentPassword: CurrentPasswordSchema, code: MfaCodeSchema });
export type TotpDisableRequest = z.infer<typeof TotpDisableRequestSchema>;

export const MfaChallengeRequestSchema = z.strictObject({ code: MfaCodeSchema });
export type MfaChallengeRequest = z.infer<typeof MfaChallengeRequestSchema>;

export const MfaChallengeResponseSchema = z.object({
  mfa: z.literal('satisfied'),
  /** Set when a recovery code was used: how many are left, so the user can be told to make new ones. */
  recoveryCodesLeft: z.number().int().min(0).optional(),
});
export type MfaChallengeResponse = z.infer<typeof MfaChallengeResponseSchema>;

export const MfaRequirementRequestSchema = z.strictObject({ required: z.boolean({ error: 'Choose yes or no' }) });
export type MfaRequirementRequest = z.infer<typeof MfaRequirementRequestSchema>;

export const MfaRequirementResponseSchema = z.object({
  required: z.boolean(),
  /** Live members who have not set up two-step sign-in (they must at their next request if required). */
  membersWithoutMfa: z.number().int().min(0),
});
export type MfaRequirementResponse = z.infer<typeof MfaRequirementResponseSchema>;

// ───────────── Passkeys (WebAuthn): another way to give the second factor ─────────────

export const PasskeyNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the passkey a name, e.g. the device it is on')
  .max(60, 'Use at most 60 characters');

const base64url = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*={0,2}$/, 'Not base64url');

/**
 * The browser's WebAuthn answers, as `@simplewebauthn/browser` serialises them. These objects are
 * defined by the WebAuthn standard and browsers add members over time, so unknown members are
 * let through here (and ignored); the fields the server checks are typed.
 */
export const PasskeyRegistrationCredentialSchema = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.string().max(32).optional(),
});

export const PasskeyAuthenticationCredentialSchema = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.string().max(32).optional(),
});

export const PasskeyRegistrationOptionsRequestSchema = z.strictObject({ currentPassword: CurrentPasswordSchema });
export type PasskeyRegistrationOptionsRequest = z.infer<typeof PasskeyRegistrationOptionsRequestSchema>;

export const PasskeyRegistrationRequestSchema = z.strictObject({
  name: PasskeyNameSchema,
  credential: PasskeyRegistrationCredentialSchema,
});
export type PasskeyRegistrationRequest = z.infer<typeof PasskeyRegistrationRequestSchema>;

export const PasskeyDeleteRequestSchema = z.strictObject({ currentPassword: CurrentPasswordSchema });
export type PasskeyDeleteRequest = z.infer<typeof PasskeyDeleteRequestSchema>;

export const PasskeyChallengeRequestSchema = z.strictObject({ credential: PasskeyAuthenticationCredentialSchema });
export type PasskeyChallengeRequest = z.infer<typeof PasskeyChallengeRequestSchema>;

/**
 * WebAuthn options for `navigator.credentials` (the standard's JSON form), handed to the browser
 * as they are; typed loosely because their shape is the standard's, not ours.
 */
export const WebAuthnOptionsResponseSchema = z.looseObject({ challenge: z.string() });
export type WebAuthnOptionsResponse = z.infer<typeof WebAuthnOptionsResponseSchema>;
