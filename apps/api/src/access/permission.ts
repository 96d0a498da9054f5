/**
 * Every action a use case can ask the policy about. Organisation permissions are decided by the
 * actor's role in the organisation; case permissions by the actor's effective level on the case.
 * The table in docs/security.md is generated from `ORGANIZATION_RULES` and `CASE_RULES` and a unit
 * test keeps the two in step.
 */
export enum Permission {
  // Organisation scope
  OrganizationRead = 'organization.read',
  OrganizationUpdate = 'organization.update',
  MemberList = 'member.list',
  MemberManage = 'member.manage',
  InvitationManage = 'invitation.manage',
  OrganizationAuditRead = 'organization.audit.read',
  CaseCreate = 'case.create',
  CaseList = 'case.list',
  CaseBreakGlass = 'case.break_glass',

  // Case scope
  CaseRead = 'case.read',
  CaseAuditRead = 'case.audit.read',
  CaseContribute = 'case.contribute',
  CaseManage = 'case.manage',
  CaseGrantList = 'case.grant.list',
  CaseGrantCreate = 'case.grant.create',
  CaseGrantRevoke = 'case.grant.revoke',
  CaseExport = 'case.export',
  CaseDelete = 'case.delete',
  CaseRestore = 'case.restore',
}

export type OrganizationPermission =
  | Permission.OrganizationRead
  | Permission.OrganizationUpdate
  | Permission.MemberList
  | Permission.MemberManage
  | Permission.InvitationManage
  | Permission.OrganizationAuditRead
  | Permission.CaseCreate
  | Permission.CaseList
  | Permission.CaseBreakGlass;

export type CasePermission = Exclude<Permission, OrganizationPermission>;
