import { ErrorCode } from '@lapata/contracts';

export type FieldMessages = Record<string, string[]>;

/**
 * A failure the API answers on purpose. Its message is shown to the user as it is, so it must
 * never contain personal data or say whether something exists.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

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
