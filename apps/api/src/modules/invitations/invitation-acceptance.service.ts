import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type InvitationAcceptRequest,
  type InvitationAcceptResponse,
  type InvitationPreview,
} from '@lapata/contracts';
import { uuidv7 } from '@lapata/db';
import { ApiError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { AuditService } from '../audit/audit.service';
import { InvalidCredentialsError } from '../auth/auth.errors';
import type { ClientInfo } from '../auth/client-info';
import { PasswordPolicy } from '../auth/password-policy';
import { PasswordSignIn } from '../auth/password-sign-in';
import { hashSecretToken, sameHash } from '../auth/session-token';
import { SessionService, mfaState, type SessionStarted } from '../auth/session.service';
import { PasswordHasher } from '../users/password-hasher';
import { encryptUserFields } from '../users/user-fields';
import { accountEmailIndex } from './invitation-fields';
import { InvitationRepository, type InvitationByTokenRow } from './invitation.repository';

/** What `newSecretToken()` makes: 32 bytes, base64url. Anything else cannot be an invitation. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class InvitationInvalidError extends ApiError {
  constructor() {
    super(400, ErrorCode.InvitationInvalid, 'This invitation link is no longer valid.');
  }
}

export class InvitationEmailMismatchError extends ApiError {
  constructor() {
    const message = 'Use the email address this invitation was sent to.';
    super(400, ErrorCode.InvitationEmailMismatch, message, { email: [message] });
  }
}

/**
 * Opening and accepting an invitation link, before the person is signed in. The link's token is
 * the only proof: it is presented to row-level security (which then shows that one invitation)
 * and the organisation is acted for only once the invitation is found.
 */
@Injectable()
export class InvitationAcceptanceService {
  private readonly logger = new Logger(InvitationAcceptanceService.name);

  constructor(
    private readonly invitations: InvitationRepository,
    private readonly passwords: PasswordHasher,
    private readonly passwordSignIn: PasswordSignIn,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.findUsable(token, new Date());
    const organization = await this.invitations.getOrganization(invitation.organizationId);
    return { organizationName: organization.name, role: invitation.role, emailRequired: true };
  }

  /**
   * Accepts the invitation with the invited address: signs in to the existing account with its
   * password, or creates the account (with a display name). Adds the membership, uses up the
   * invitation and starts a session in the organisation; the session still needs the second
   * factor when the account has one or the organisation requires it.
   */
  async accept(
    request: InvitationAcceptRequest,
    client: ClientInfo,
    previousToken: string | undefined,
  ): Promise<SessionStarted<InvitationAcceptResponse>> {
    // Accepting with a password is a sign-in: it spends the same budget, so an invitation link
    // gives no extra guesses. Counted before any check; given back when the invitation is accepted.
    const attempt = this.passwordSignIn.attempt(request.email, client.address);
    await attempt.count();

    const now = new Date();
    const invitation = await this.findUsable(request.token, now);
    const organizationId = invitation.organizationId;
    const emailBidx = accountEmailIndex(this.config.keys, request.email);
    if (!sameHash(emailBidx, invitation.emailBidx)) throw new InvitationEmailMismatchError();

    // Claimed first: a second acceptance racing this one waits on the row, then finds it used.
    // Any failure below rolls the claim back with everything else.
    if (!(await this.invitations.claim(invitation.id, now))) throw new InvitationInvalidError();

    const { account, refusal } = await this.passwordSignIn.check(request.email, request.password);
    let userId: string;
    if (account) {
      if (refusal) throw new InvalidCredentialsError();
      userId = account.id;
    } else {
      // Signing in (no display name) to an account that does not exist: the same answer as a wrong password.
      if (request.displayName === undefined) throw new InvalidCredentialsError();
      await this.passwordPolicy.check(request.password);
      userId = uuidv7();
      await this.invitations.createAccount({
        id: userId,
        ...encryptUserFields(this.config.keys, userId, { email: request.email, displayName: request.displayName }),
        passwordHash: await this.passwords.hash(request.password),
      });
    }

    await this.db.actAs({ organizationId, userId });
    const membership = await this.invitations.findMembership(organizationId, userId);
    // A live member keeps their role: an invitation never demotes anyone (the last administrator included).
    if (!membership) await this.invitations.createMembership(organizationId, userId, invitation.role);
    else if (membership.disabledAt !== null) await this.invitations.reenableMembership(organizationId, userId, invitation.role);
    await this.invitations.setAcceptedBy(invitation.id, userId);
    const event = { organizationId, actorId: userId, caseId: null };
    await this.audit.record({ ...event, entity: 'invitation', entityId: invitation.id, action: 'accept', fields: ['acceptedAt'] });
    if (!membership || membership.disabledAt !== null) {
      await this.audit.record({ ...event, entity: 'membership', entityId: userId, action: membership ? 'enable' : 'create', fields: ['role'] });
    }

    // A new session, as at any sign-in; one this browser already had ends.
    const session = await this.sessions.start(
      { userId, activeOrganizationId: organizationId, userAgent: client.userAgent },
      previousToken,
    );
    const organization = await this.invitations.getOrganization(organizationId);
    const mfa = mfaState({ userHasTotp: account?.hasTotp ?? false, mfaVerifiedAt: null }, organization.requireMfa);
    await attempt.succeeded();
    this.logger.log({ organizationId, invitationId: invitation.id, newAccount: !account }, 'Invitation accepted');
    return { response: { organizationId, mfa }, sessionToken: session.token };
  }

  /** The pending invitation behind a link, with the transaction acting for its organisation. */
  private async findUsable(token: string, now: Date): Promise<InvitationByTokenRow> {
    if (!TOKEN_PATTERN.test(token)) throw new InvitationInvalidError();
    const tokenHash = hashSecretToken(token);
    await this.invitations.presentTokenHash(tokenHash);
    const invitation = await this.invitations.findByTokenHash(tokenHash);
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) {
      throw new InvitationInvalidError();
    }
    await this.db.actAs({ organizationId: invitation.organizationId, userId: null });
    return invitation;
  }
}
