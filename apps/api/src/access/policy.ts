import type { GrantLevel, Role } from '@lapata/contracts';
import { type CasePermission, type OrganizationPermission, Permission } from './permission';

/** Which roles hold each organisation permission. Anything not listed is denied. */
export const ORGANIZATION_RULES: Record<OrganizationPermission, readonly Role[]> = {
  [Permission.OrganizationRead]: ['ORG_ADMIN', 'CASEWORKER', 'LAWYER', 'FAMILY'],
  [Permission.OrganizationUpdate]: ['ORG_ADMIN'],
  [Permission.MemberList]: ['ORG_ADMIN'],
  [Permission.MemberManage]: ['ORG_ADMIN'],
  [Permission.InvitationManage]: ['ORG_ADMIN'],
  [Permission.OrganizationAuditRead]: ['ORG_ADMIN'],
  [Permission.CaseCreate]: ['ORG_ADMIN', 'CASEWORKER'],
  [Permission.CaseList]: ['ORG_ADMIN', 'CASEWORKER', 'LAWYER', 'FAMILY'],
  [Permission.CaseBreakGlass]: ['CASEWORKER'],
};

/**
 * The least access a case permission needs. `ORG_ADMIN_ONLY` permissions need the actor to be an
 * administrator of the case's own organisation, whatever their grants.
 */
export const ORG_ADMIN_ONLY = 'ORG_ADMIN_ONLY' as const;
export type CaseRequirement = GrantLevel | typeof ORG_ADMIN_ONLY;

export const CASE_RULES: Record<CasePermission, CaseRequirement> = {
  [Permission.CaseRead]: 'VIEW',
  [Permission.CaseAuditRead]: 'VIEW',
  [Permission.CaseContribute]: 'CONTRIBUTE',
  [Permission.CaseManage]: 'MANAGE',
  [Permission.CaseGrantList]: 'MANAGE',
  [Permission.CaseGrantCreate]: 'MANAGE',
  [Permission.CaseGrantRevoke]: 'MANAGE',
  [Permission.CaseExport]: 'MANAGE',
  [Permission.CaseDelete]: ORG_ADMIN_ONLY,
  [Permission.CaseRestore]: ORG_ADMIN_ONLY,
};

const LEVEL_RANK: Record<GrantLevel, number> = { VIEW: 1, CONTRIBUTE: 2, MANAGE: 3 };

export function isOrganizationPermission(permission: Permission): permission is OrganizationPermission {
  return permission in ORGANIZATION_RULES;
}

export function roleAllows(role: Role | null, permission: OrganizationPermission): boolean {
  return role !== null && ORGANIZATION_RULES[permission].includes(role);
}

/** What the actor holds on one case, as the access repository found it. */
export interface CaseStanding {
  /** The actor administers the case's organisation (active membership with ORG_ADMIN). */
  isOrganizationAdmin: boolean;
  /** The highest level among the actor's live grants (not revoked, not expired), if any. */
  grantLevel: GrantLevel | null;
  /** The actor holds a live break-glass grant: read-only, audited as such. */
  breakGlass: boolean;
  /** The case is soft-deleted: only its organisation's administrators still reach it. */
  deleted: boolean;
}

export function effectiveLevel(standing: CaseStanding): GrantLevel | null {
  if (standing.isOrganizationAdmin) return 'MANAGE';
  if (standing.deleted) return null;
  if (standing.grantLevel) return standing.grantLevel;
  return standing.breakGlass ? 'VIEW' : null;
}

export function caseAllows(standing: CaseStanding, permission: CasePermission): boolean {
  const requirement = CASE_RULES[permission];
  if (requirement === ORG_ADMIN_ONLY) return standing.isOrganizationAdmin;
  const level = effectiveLevel(standing);
  return level !== null && LEVEL_RANK[level] >= LEVEL_RANK[requirement];
}

export function levelAtLeast(level: GrantLevel, minimum: GrantLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[minimum];
}
