import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type SetupRequest, type SetupResponse } from '@lapata/contracts';
import { ApiError, NotFoundError, RateLimitedError } from '../../common/errors/api-error';
import { AttemptLimiter } from '../../common/rate-limit/attempt-limiter';
import { DatabaseContext } from '../../database/database-context';
import { hashSecretToken, newSecretToken, sameHash } from '../auth/session-token';
import { PasswordHasher } from '../users/password-hasher';
import { SetupRepository } from './setup.repository';

/** The token has 256 bits, so this only keeps a script from hammering the endpoint. */
const MAX_FAILED_ATTEMPTS = 10;
const FAILED_ATTEMPTS_WINDOW_MS = 15 * 60 * 1000;

export class InvalidSetupTokenError extends ApiError {
  constructor() {
    const message = 'This setup token is not valid. Use the newest token printed by the server.';
    super(400, ErrorCode.InvalidSetupToken, message, { token: [message] });
  }
}

/**
 * First start of an installation: there is no account yet, so a one-time token printed on the
 * server's console proves that the person setting it up runs the server.
 */
@Injectable()
export class SetupService {
  private readonly logger = new Logger(SetupService.name);
  private readonly failedAttempts = new AttemptLimiter(MAX_FAILED_ATTEMPTS, FAILED_ATTEMPTS_WINDOW_MS);

  constructor(
    private readonly setup: SetupRepository,
    private readonly passwords: PasswordHasher,
    private readonly db: DatabaseContext,
  ) {}

  /** Also called outside a request (the guard, start-up), hence its own database session then. */
  isSetupNeeded(): Promise<boolean> {
    return this.db.run({}, () => this.setup.isSetupNeeded());
  }

  /** A fresh token when setup is still needed (replacing any earlier one), else undefined. */
  async issueToken(): Promise<string | undefined> {
    return this.db.run({}, async () => {
      if (!(await this.setup.isSetupNeeded())) return undefined;
      // Only the hash is stored: a database dump does not hand out the setup.
      const { token, hash } = newSecretToken();
      await this.setup.storeTokenHash(hash);
      return token;
    });
  }

  /**
   * Creates the first organisation and its administrator. `client` identifies the caller for the
   * failed-attempt limit (its address). Once setup is done, it answers 404: there is nothing to
   * set up any more.
   */
  async completeSetup(request: SetupRequest, client: string): Promise<SetupResponse> {
    if (this.failedAttempts.isBlocked(client)) throw new RateLimitedError();
    const storedHash = await this.setup.findPendingTokenHash();
    if (storedHash === null) throw new NotFoundError();

    const tokenHash = hashSecretToken(request.token);
    if (!sameHash(storedHash, tokenHash)) {
      this.failedAttempts.recordFailure(client);
      this.logger.warn('Setup refused: wrong setup token');
      throw new InvalidSetupTokenError();
    }

    // Hashed before the transaction, so the installation row is not locked for the ~50 ms it takes.
    const passwordHash = await this.passwords.hash(request.password);
    const created = await this.setup.completeSetup(tokenHash, {
      organizationName: request.organizationName,
      caseReferencePrefix: request.caseReferencePrefix,
      adminName: request.adminName,
      adminEmail: request.adminEmail,
      passwordHash,
    });
    // Another request completed setup between the check above and the lock.
    if (created === null) throw new NotFoundError();
    this.logger.log({ organizationId: created.organizationId, userId: created.userId }, 'Setup completed');
    return created;
  }
}
