'use client';

import { useTranslations } from 'next-intl';
import { Link, usePathname } from '../../../i18n/navigation';
import styles from './organization.module.css';

const sections = [
  { path: 'members', label: 'members' },
  { path: 'invitations', label: 'invitations' },
  { path: 'settings', label: 'settings' },
  { path: 'audit', label: 'audit' },
  { path: 'deleted-cases', label: 'deletedCases' },
] as const;

/** The organisation area's own navigation (administrators only, like the area itself). */
export function OrganizationNav() {
  const t = useTranslations('organization.nav');
  const pathname = usePathname();
  return (
    <nav className={styles.nav} aria-label={t('label')}>
      <ul>
        {sections.map((section) => {
          const href = `/organization/${section.path}`;
          return (
            <li key={section.path}>
              <Link href={href} aria-current={pathname === href ? 'page' : undefined}>
                {t(section.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
