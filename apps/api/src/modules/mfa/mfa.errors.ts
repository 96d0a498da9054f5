import { ErrorCode } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
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

/** Answering the challenge (with a code or a passkey) is for sessions that still owe it. */
export function requireChallengeState(actor: Actor): void {
  if (actor.mfa === 'satisfied') throw new MfaStateConflictError('This session has already passed two-step sign-in.');
  if (actor.mfa === 'enrolment') throw new MfaStateConflictError('Set up two-step sign-in first.');
}
