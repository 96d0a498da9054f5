import 'server-only';
import { SessionResponseSchema, type Role } from '@lapata/contracts';
import { readFromApi } from '../../../lib/server-api';

/**
 * The viewer's role in their active organisation, `none` without one. Pages use it only to decide
 * what to offer; the API decides access.
 */
export type ActiveRole = Role | 'none';

export async function readActiveRole(): Promise<ActiveRole | 'unavailable'> {
  const session = await readFromApi('/auth/session', SessionResponseSchema);
  if (session.kind === 'unavailable') return 'unavailable';
  return session.kind === 'ok' ? (session.data.activeOrganization?.role ?? 'none') : 'none';
}

/** Roles that may open cases (the API's `case.create` permission). */
export function mayOpenCases(role: ActiveRole): boolean {
  return role === 'ORG_ADMIN' || role === 'CASEWORKER';
}
