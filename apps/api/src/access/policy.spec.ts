import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Permission } from './permission';
import { type CaseStanding, caseAllows, effectiveLevel, isOrganizationPermission, roleAllows } from './policy';
import { renderPolicyTable } from './policy-table';

const none: CaseStanding = { isOrganizationAdmin: false, grantLevel: null, breakGlass: false, deleted: false };

describe('organisation permissions', () => {
  it('deny without a membership', () => {
    for (const permission of Object.values(Permission).filter(isOrganizationPermission)) {
      expect(roleAllows(null, permission)).toBe(false);
    }
  });

  it('let only caseworkers break the glass', () => {
    expect(roleAllows('CASEWORKER', Permission.CaseBreakGlass)).toBe(true);
    expect(roleAllows('LAWYER', Permission.CaseBreakGlass)).toBe(false);
    expect(roleAllows('FAMILY', Permission.CaseBreakGlass)).toBe(false);
  });
});

describe('case permissions', () => {
  it('deny by default', () => {
    expect(caseAllows(none, Permission.CaseRead)).toBe(false);
  });

  it('follow the grant level', () => {
    const view = { ...none, grantLevel: 'VIEW' as const };
    const contribute = { ...none, grantLevel: 'CONTRIBUTE' as const };
    const manage = { ...none, grantLevel: 'MANAGE' as const };
    expect(caseAllows(view, Permission.CaseRead)).toBe(true);
    expect(caseAllows(view, Permission.CaseContribute)).toBe(false);
    expect(caseAllows(contribute, Permission.CaseContribute)).toBe(true);
    expect(caseAllows(contribute, Permission.CaseGrantCreate)).toBe(false);
    expect(caseAllows(manage, Permission.CaseGrantRevoke)).toBe(true);
    expect(caseAllows(manage, Permission.CaseDelete)).toBe(false);
  });

  it('give break-glass read-only access', () => {
    const glass = { ...none, breakGlass: true };
    expect(effectiveLevel(glass)).toBe('VIEW');
    expect(caseAllows(glass, Permission.CaseRead)).toBe(true);
    expect(caseAllows(glass, Permission.CaseContribute)).toBe(false);
  });

  it('hide deleted cases from everyone but organisation administrators', () => {
    expect(caseAllows({ ...none, grantLevel: 'MANAGE', deleted: true }, Permission.CaseRead)).toBe(false);
    expect(caseAllows({ ...none, isOrganizationAdmin: true, deleted: true }, Permission.CaseRestore)).toBe(true);
  });
});

describe('docs/security.md', () => {
  it('contains the policy table exactly as the code decides', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/security.md'), 'utf8');
    expect(doc).toContain(renderPolicyTable());
  });
});
