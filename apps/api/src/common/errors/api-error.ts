import { ErrorCode } from '@lapata/contracts';

export type FieldMessages = Record<string, string[]>;

/**
 * A failure the API answers on purpose. Its message is shown to the user as it is, so it must
 * never contain personal data or say whether something exists.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Set by StaleVersionError only. */
  readonly currentVersion?: number;
  /** Set by IllegalTransitionError only. */
  readonly allowed?: readonly string[];
  /** Set by PfifImportError only: each failing record's field messages. */
  readonly records?: readonly { index: number; personRecordId: string | null; errors: FieldMessages }[];

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldMessages,
  ) {
    super(message);
  }
}

/** Missing and forbidden answer the same. */
export class NotFoundError extends ApiError {
  constructor() {
    super(404, ErrorCode.NotFound, 'Not found.');
  }
}

/**
 * A record the case may not have yet (its read answers 404). For use after access to the case was
 * checked, so that here a 404 can only mean "not recorded".
 */
export async function recordedOrNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export class ValidationError extends ApiError {
  constructor(fields: FieldMessages, message = 'Some fields are not valid.') {
    super(400, ErrorCode.ValidationFailed, message, fields);
  }
}

export class RateLimitedError extends ApiError {
  constructor() {
    super(429, ErrorCode.RateLimited, 'Too many attempts. Wait a few minutes and try again.');
  }
}

/**
 * An edit made from an older read (optimistic concurrency): someone changed the record since.
 * Answers 409 with the version it is at now, so the client can reload and try again.
 */
export class StaleVersionError extends ApiError {
  constructor(override readonly currentVersion: number) {
    const message = 'Someone else changed this in the meantime. Reload to see the latest version, then try again.';
    super(409, ErrorCode.StaleVersion, message, { version: [message] });
  }
}
