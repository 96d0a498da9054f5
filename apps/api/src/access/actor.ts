import type { Role } from '@lapata/contracts';
import type { MfaState } from '../modules/auth/session.service';

/** Who is making a request, as the session guard established it. */
export interface Actor {
  userId: string;
  sessionId: string;
  /** The organisation the user is working in; null when they belong to none (e.g. only external grants). */
  organizationId: string | null;
  /** The user's role in `organizationId`. */
  role: Role | null;
  /** Anything but `satisfied` only reaches `pending-mfa` routes. */
  mfa: MfaState;
}
