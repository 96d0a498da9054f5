import { ErrorCode } from '@lapata/contracts';
import { ApiError } from '../../common/errors/api-error';

export class InvalidMfaCodeError extends ApiError {
  constructor() {
    const message = 'This code is not valid. Check that the time on your phone is right, or use a recovery code.';
    super(400, ErrorCode.InvalidMfaCode, message, { code: [message] });
  }
}

export class MfaRequiredByOrganizationError extends ApiError {
  constructor() {
    super(
      409,
      ErrorCode.MfaRequiredByOrganization,
      'Your organisation requires two-step sign-in, so it cannot be turned off. You can set it up again on a new device instead.',
    );
  }
}

export class MfaStateConflictError extends ApiError {
  constructor(message: string) {
    super(409, ErrorCode.Conflict, message);
  }
}
