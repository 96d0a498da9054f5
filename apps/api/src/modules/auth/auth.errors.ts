import { ErrorCode } from '@lapata/contracts';
import { ApiError, ValidationError } from '../../common/errors/api-error';

/** The same words whether the account does not exist, is disabled, or the password is wrong. */
export class InvalidCredentialsError extends ApiError {
  constructor() {
    super(400, ErrorCode.InvalidCredentials, 'Email or password is wrong.');
  }
}

export class InvalidResetTokenError extends ApiError {
  constructor() {
    super(400, ErrorCode.InvalidResetToken, 'This reset link has expired or was already used. Ask for a new one.');
  }
}

export class WrongCurrentPasswordError extends ValidationError {
  constructor(field: string) {
    super({ [field]: ['This is not your current password.'] });
  }
}
