import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type MfaChallengeResponse,
  type Passkey,
  type PasskeyChallengeRequest,
  type PasskeyDeleteRequest,
  type PasskeyRegistrationOptionsRequest,
  type PasskeyRegistrationRequest,
  type WebAuthnOptionsResponse,
} from '@lapata/contracts';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import type { Actor } from '../../access/actor';
import { ApiError, NotFoundError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { PasswordConfirmation } from '../auth/password-confirmation';
import { SessionService, type SessionStarted } from '../auth/session.service';
import { MfaStateConflictError, requireChallengeState } from './mfa.errors';
import { MfaRepository } from './mfa.repository';
import { toPasskeyResponse } from './passkey.mapper';
import { PasskeyRepository, type ChallengePurpose } from './passkey.repository';
import { SecondFactorAttempts } from './second-factor-attempts';

/** How long the browser (and the person) has to answer a WebAuthn prompt. */
const CHALLENGE_LIFETIME_MS = 5 * 60_000;

export class InvalidPasskeyError extends ApiError {
  constructor() {
    super(400, ErrorCode.InvalidPasskey, 'This passkey was not accepted. Try again, or use a code instead.');
  }
}

/**
 * Passkeys (WebAuthn) as another way to give the second factor: instead of typing the code from
 * the authenticator app, the person confirms on their device. They are added only while the app
 * is on (the session's second-factor state is decided by it) and go when it is turned off.
 */
@Injectable()
export class PasskeyService {
  private readonly logger = new Logger('Mfa');
  private readonly rpId: string;
  private readonly origin: string;

  constructor(
    private readonly passkeys: PasskeyRepository,
    private readonly mfa: MfaRepository,
    private readonly passwordConfirmation: PasswordConfirmation,
    private readonly attempts: SecondFactorAttempts,
    private readonly sessions: SessionService,
    config: AppConfig,
  ) {
    const publicUrl = new URL(config.publicUrl);
    this.rpId = publicUrl.hostname;
    this.origin = publicUrl.origin;
  }

  async registrationOptions(actor: Actor, request: PasskeyRegistrationOptionsRequest): Promise<WebAuthnOptionsResponse> {
    const account = await this.mfa.getAccount(actor.userId);
    if (!account.totpEnabled) {
      throw new MfaStateConflictError('Turn on two-step sign-in with an authenticator app before adding a passkey.');
    }
    await this.passwordConfirmation.confirm(actor.userId, request.currentPassword);
    const existing = await this.passkeys.findCredentialsOfUser(actor.userId);
    const options = await generateRegistrationOptions({
      rpName: 'Lapata',
      rpID: this.rpId,
      userName: account.email,
      // The account's opaque id, so every passkey of one account is one entry on a device.
      userID: Buffer.from(actor.userId.replace(/-/g, ''), 'hex'),
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({
        id: Buffer.from(passkey.credentialId).toString('base64url'),
        transports: passkey.transports,
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: CHALLENGE_LIFETIME_MS,
    });
    await this.issueChallenge(actor, 'registration', options.challenge);
    return options as unknown as WebAuthnOptionsResponse;
  }

  async register(actor: Actor, request: PasskeyRegistrationRequest): Promise<Passkey> {
    if (!(await this.mfa.isTotpEnabled(actor.userId))) {
      throw new MfaStateConflictError('Turn on two-step sign-in with an authenticator app before adding a passkey.');
    }
    // Checked by the shared schema for the fields used; the rest is the standard's own shape.
    const response = request.credential as unknown as RegistrationResponseJSON;
    const challenge = await this.consumeChallenge(actor, 'registration', response.response.clientDataJSON);
    if (challenge === null) throw new InvalidPasskeyError();
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        requireUserVerification: false,
      });
    } catch {
      verification = { verified: false };
    }
    if (!verification.verified) {
      this.logger.warn({ passkey: { outcome: 'registration-refused', userId: actor.userId } }, 'Passkey refused');
      throw new InvalidPasskeyError();
    }
    const { credential } = verification.registrationInfo;
    const credentialId = Buffer.from(credential.id, 'base64url');
    if (await this.passkeys.credentialIdTaken(credentialId)) throw new InvalidPasskeyError();
    const passkey = await this.passkeys.create({
      userId: actor.userId,
      name: request.name,
      credentialId,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
    });
    this.logger.log({ passkey: { outcome: 'registered', userId: actor.userId, passkeyId: passkey.id } }, 'Passkey added');
    return toPasskeyResponse(passkey);
  }

  async remove(actor: Actor, passkeyId: string, request: PasskeyDeleteRequest): Promise<void> {
    await this.passwordConfirmation.confirm(actor.userId, request.currentPassword);
    if (!(await this.passkeys.deleteOfUser(actor.userId, passkeyId))) throw new NotFoundError();
    this.logger.log({ passkey: { outcome: 'removed', userId: actor.userId, passkeyId } }, 'Passkey removed');
  }

  /** The second step of signing in, with a passkey: the options for `navigator.credentials.get`. */
  async authenticationOptions(actor: Actor): Promise<WebAuthnOptionsResponse> {
    requireChallengeState(actor);
    const passkeys = await this.passkeys.findCredentialsOfUser(actor.userId);
    if (passkeys.length === 0) throw new MfaStateConflictError('No passkey is set up for this account. Use a code instead.');
    const options = await generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: passkeys.map((passkey) => ({
        id: Buffer.from(passkey.credentialId).toString('base64url'),
        transports: passkey.transports,
      })),
      userVerification: 'preferred',
      timeout: CHALLENGE_LIFETIME_MS,
    });
    await this.issueChallenge(actor, 'authentication', options.challenge);
    return options as unknown as WebAuthnOptionsResponse;
  }

  /**
   * Checks the device's signature over this session's challenge and, when right, replaces the
   * session with one that passed the second factor. Limited like codes, and logged the same way.
   */
  async authenticate(
    actor: Actor,
    request: PasskeyChallengeRequest,
    client: string | undefined,
  ): Promise<SessionStarted<MfaChallengeResponse>> {
    requireChallengeState(actor);
    const attempt = await this.attempts.start(actor.userId, client, 'sign-in');

    const response = request.credential as unknown as AuthenticationResponseJSON;
    const stored = (await this.passkeys.findCredentialsOfUser(actor.userId)).find((passkey) =>
      Buffer.from(passkey.credentialId).equals(Buffer.from(response.id, 'base64url')),
    );
    const challenge = stored ? await this.consumeChallenge(actor, 'authentication', response.response.clientDataJSON) : null;
    let newCounter: number | null = null;
    if (stored && challenge) {
      try {
        const verification = await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: this.origin,
          expectedRPID: this.rpId,
          credential: {
            id: response.id,
            publicKey: new Uint8Array(stored.publicKey),
            counter: stored.counter,
            transports: stored.transports as AuthenticatorTransport[],
          },
          requireUserVerification: false,
        });
        if (verification.verified) newCounter = verification.authenticationInfo.newCounter;
      } catch {
        // A malformed answer, another origin, a bad signature or a counter that went back: refused below.
      }
    }
    if (!stored || newCounter === null) {
      attempt.refused('wrong-passkey');
      throw new InvalidPasskeyError();
    }
    await this.passkeys.recordUse(stored.id, newCounter, new Date());
    await attempt.succeeded('passkey');

    const session = await this.sessions.replace(actor.sessionId, { mfaVerified: true });
    return { response: { mfa: 'satisfied' }, sessionToken: session.token };
  }

  private async issueChallenge(actor: Actor, purpose: ChallengePurpose, challenge: string): Promise<void> {
    await this.passkeys.storeChallenge(actor.sessionId, purpose, challenge, new Date(Date.now() + CHALLENGE_LIFETIME_MS));
  }

  /**
   * The challenge the browser signed, used up (with the request: a refused answer rolls back and
   * leaves it for another try until it expires, an accepted one can never be replayed); null when
   * this session was not given it or it expired.
   */
  private async consumeChallenge(actor: Actor, purpose: ChallengePurpose, clientDataJSON: string): Promise<string | null> {
    let challenge: string;
    try {
      challenge = decodeClientDataJSON(clientDataJSON).challenge;
    } catch {
      return null;
    }
    return (await this.passkeys.consumeChallenge(actor.sessionId, purpose, challenge, new Date())) ? challenge : null;
  }
}
