import { Injectable } from '@nestjs/common';
import type { Role } from '@lapata/contracts';
import { AppConfig } from '../../config/app-config';
import { hashSecretToken, newSecretToken } from './session-token';
import { SessionRepository, type StoredSession } from './session.repository';

/** Where a session stands with its second factor. */
export type MfaState =
  /** No second factor needed, or it was given in this session. */
  | 'satisfied'
  /** The user has TOTP and has not yet answered the challenge in this session. */
  | 'challenge'
  /** The organisation requires MFA and the user has not enrolled yet. */
  | 'enrolment';

export interface AuthenticatedSession {
  sessionId: string;
  userId: string;
  organizationId: string | null;
  role: Role | null;
  mfa: MfaState;
}

/**
 * What a use case that starts or replaces a session (signing in, accepting an invitation, giving
 * the second factor, switching organisation) answers: the response body, and the new session's
 * token, which only ever travels in the cookie (see SetsSessionCookie).
 */
export interface SessionStarted<T> {
  response: T;
  sessionToken: string;
}

/** Don't write `last_seen_at` on every request: once a minute is precise enough for idle timeouts. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * A new session (and so a new id) at every sign-in, its second factor not yet given; the session
   * the browser signed in over (`previousToken`), if still live, ends. Returns the cookie token.
   */
  async start(
    input: { userId: string; activeOrganizationId: string | null; userAgent: string | undefined },
    previousToken: string | undefined,
  ): Promise<{ token: string; sessionId: string }> {
    if (previousToken) await this.sessions.revokeByTokenHash(hashSecretToken(previousToken), new Date());
    const now = new Date();
    const { token, hash } = newSecretToken();
    const sessionId = await this.sessions.create({
      userId: input.userId,
      tokenHash: hash,
      activeOrganizationId: input.activeOrganizationId,
      mfaVerifiedAt: null,
      userAgent: input.userAgent ? input.userAgent.slice(0, 200) : null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteTimeoutMs),
    });
    return { token, sessionId };
  }

  /**
   * The live session for a cookie token, or null: unknown, revoked, past its absolute lifetime,
   * idle too long, or its user disabled. Needs a database session, which it makes act for the
   * session's user and, when their membership there is live, its active organisation.
   */
  async authenticate(token: string): Promise<AuthenticatedSession | null> {
    const now = new Date();
    const session = await this.sessions.findLiveByTokenHashActingAsUser(hashSecretToken(token), now);
    if (!session || !session.userActive || this.isIdle(session, now)) return null;
    const membership = session.activeOrganizationId
      ? await this.sessions.findActiveMembershipActingAsOrganization(session.userId, session.activeOrganizationId)
      : null;

    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await this.sessions.touch(session.id, now);

    return {
      sessionId: session.id,
      userId: session.userId,
      organizationId: membership?.organizationId ?? null,
      role: membership?.role ?? null,
      mfa: mfaState(session, membership?.requireMfa ?? false),
    };
  }

  isIdle(session: Pick<StoredSession, 'lastSeenAt'>, now: Date): boolean {
    return now.getTime() - session.lastSeenAt.getTime() > this.config.sessionIdleTimeoutMs;
  }

  /**
   * A new session (new id and token) in place of a live one, at a change of privilege: second
   * factor given, organisation switched. The old token stops working at once; the new session
   * keeps the old one's sign-in time and absolute end, so replacing never extends a session.
   * The route sets the returned token as the cookie (`SetsSessionCookie`). Throws when the session
   * is no longer live.
   */
  async replace(
    sessionId: string,
    changes: { activeOrganizationId?: string | null; mfaVerified?: true },
  ): Promise<{ token: string; sessionId: string }> {
    const now = new Date();
    const old = await this.sessions.findLiveById(sessionId, now);
    if (!old || !old.userActive || this.isIdle(old, now)) throw new Error('Only a live session can be replaced');
    const { token, hash } = newSecretToken();
    await this.sessions.revoke(old.id, now);
    const newSessionId = await this.sessions.create({
      userId: old.userId,
      tokenHash: hash,
      activeOrganizationId:
        changes.activeOrganizationId !== undefined ? changes.activeOrganizationId : old.activeOrganizationId,
      mfaVerifiedAt: changes.mfaVerified ? now : old.mfaVerifiedAt,
      userAgent: old.userAgent,
      createdAt: old.createdAt,
      lastSeenAt: now,
      expiresAt: old.expiresAt,
    });
    return { token, sessionId: newSessionId };
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, new Date());
  }

  /** Ends one of the user's own live sessions; false when they have none with this id. */
  async endForUser(userId: string, sessionId: string): Promise<boolean> {
    return this.sessions.revokeForUser(userId, sessionId, new Date());
  }

  /** The user's live sessions (not revoked, not past their lifetime, not idle), the most recently used first. */
  async listForUser(userId: string) {
    const now = new Date();
    return this.sessions.listLiveForUser(userId, now, new Date(now.getTime() - this.config.sessionIdleTimeoutMs));
  }

  /** Ends every session of the user (password reset, disabling, "sign out everywhere"). */
  async endAllForUser(userId: string, options: { except?: string } = {}): Promise<number> {
    return this.sessions.revokeAllForUser(userId, new Date(), options.except);
  }
}

export function mfaState(
  session: Pick<StoredSession, 'userHasTotp' | 'mfaVerifiedAt'>,
  organizationRequiresMfa: boolean,
): MfaState {
  if (session.userHasTotp) return session.mfaVerifiedAt ? 'satisfied' : 'challenge';
  return organizationRequiresMfa ? 'enrolment' : 'satisfied';
}
