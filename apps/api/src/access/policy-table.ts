import { GrantLevelSchema, RoleSchema } from '@lapata/contracts';
import { CASE_RULES, ORG_ADMIN_ONLY, ORGANIZATION_RULES } from './policy';

/** The policy as Markdown, for docs/security.md (a test checks the document contains it). */
export function renderPolicyTable(): string {
  const roles = RoleSchema.options;
  const organization = [
    `| Organisation action | ${roles.join(' | ')} |`,
    `|---|${roles.map(() => ':-:').join('|')}|`,
    ...Object.entries(ORGANIZATION_RULES).map(
      ([permission, allowed]) =>
        `| \`${permission}\` | ${roles.map((role) => (allowed.includes(role) ? 'yes' : '—')).join(' | ')} |`,
    ),
  ];
  const levels = GrantLevelSchema.options;
  const columns = ['Org admin', ...levels.map((level) => `${level} grant`), 'Break-glass'];
  const rank = (level: string) => levels.indexOf(level as (typeof levels)[number]);
  const cases = [
    `| Case action | ${columns.join(' | ')} |`,
    `|---|${columns.map(() => ':-:').join('|')}|`,
    ...Object.entries(CASE_RULES).map(([permission, requirement]) => {
      const byGrant = levels.map((level) =>
        requirement !== ORG_ADMIN_ONLY && rank(level) >= rank(requirement) ? 'yes' : '—',
      );
      const breakGlass = requirement === 'VIEW' ? 'yes' : '—';
      return `| \`${permission}\` | yes | ${byGrant.join(' | ')} | ${breakGlass} |`;
    }),
  ];
  return [...organization, '', ...cases].join('\n');
}
