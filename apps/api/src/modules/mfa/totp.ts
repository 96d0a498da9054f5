import { NobleCryptoPlugin, ScureBase32Plugin, TOTP, generateSecret, generateURI } from 'otplib';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
/** One step either side of now: a phone clock a little off, or a code typed just as it changed. */
const DRIFT_SECONDS = PERIOD_SECONDS;

/** The TOTP strategy itself (not the generic OTP functions), whose results say which step matched. */
const totp = new TOTP({ crypto: new NobleCryptoPlugin(), base32: new ScureBase32Plugin() });

/** 160 random bits (RFC 4226's recommended length), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The secret in groups of four, for typing into an app by hand. */
export function manualKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(' ');
}

export function otpauthUri(secret: string, account: { issuer: string; label: string }): string {
  return generateURI({ issuer: account.issuer, label: account.label, secret });
}

/**
 * The QR code drawn here, as an SVG data URL: the secret never leaves the server for a
 * third-party QR service.
 */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * The time step `code` belongs to, or null when it is wrong. Steps at or before `lastUsedStep`
 * are refused, so a code works once (the caller stores the step it returns, atomically).
 */
export async function verifyTotp(
  secret: string,
  code: string,
  options: { lastUsedStep: number | null; now?: Date },
): Promise<number | null> {
  // otplib throws on anything but six digits; that is simply a wrong code here.
  if (!/^\d{6}$/.test(code)) return null;
  const result = await totp.verify(code, {
    secret,
    period: PERIOD_SECONDS,
    epochTolerance: DRIFT_SECONDS,
    epoch: Math.floor((options.now ?? new Date()).getTime() / 1000),
    ...(options.lastUsedStep === null ? {} : { afterTimeStep: options.lastUsedStep }),
  });
  return result.valid ? result.timeStep : null;
}
