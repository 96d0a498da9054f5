import type { GrantLevel, Role } from '@lapata/contracts';
import { caseAllows } from '../../access/policy';
import { Permission } from '../../access/permission';

const LEVELS: GrantLevel[] = ['VIEW', 'CONTRIBUTE', 'MANAGE'];

/** A case as the reminder worker and the calendar feed see it. */
export interface AudienceCase {
  deleted: boolean;
  assignedCaseworkerId: string | null;
  /** Live regular grants (not revoked, not expired, not break-glass). */
  grants: { userId: string; level: GrantLevel }[];
  /** Counsel recorded on the hearing's proceeding. */
  counselIds: string[];
}

/** A person who might hear about the case, with their standing in the case's organisation. */
export interface AudienceMember {
  id: string;
  active: boolean;
  /** Their membership of the case's organisation; null for an outsider (an external lawyer's grant). */
  membership: { role: Role; disabled: boolean } | null;
  familyOptIn: boolean;
}

/** Everyone who may be told about a case's hearings: counsel, grantees and the assigned caseworker. */
export function candidateIds(found: AudienceCase): string[] {
  const ids = new Set<string>(found.counselIds);
  for (const grant of found.grants) ids.add(grant.userId);
  if (found.assignedCaseworkerId) ids.add(found.assignedCaseworkerId);
  return [...ids];
}

/**
 * Whether the person can read the case right now, by the same policy as every request. A
 * break-glass opening is an emergency, not a reason for reminders or a calendar, so it does not
 * count; nor does a deleted case, or a disabled account or membership.
 */
export function mayReadCase(found: Pick<AudienceCase, 'deleted' | 'grants'>, member: Omit<AudienceMember, 'familyOptIn'>): boolean {
  if (found.deleted || !member.active || member.membership?.disabled) return false;
  const levels = found.grants.filter((grant) => grant.userId === member.id).map((grant) => LEVELS.indexOf(grant.level));
  const standing = {
    isOrganizationAdmin: member.membership?.role === 'ORG_ADMIN',
    grantLevel: levels.length ? LEVELS[Math.max(...levels)]! : null,
    breakGlass: false,
    deleted: false,
  };
  return caseAllows(standing, Permission.CaseRead);
}

/** Whether the person gets reminders about the case: they can read it and, as family, opted in. */
export function mayHearAbout(found: AudienceCase, member: AudienceMember): boolean {
  if (!mayReadCase(found, member)) return false;
  return member.membership?.role !== 'FAMILY' || member.familyOptIn;
}
