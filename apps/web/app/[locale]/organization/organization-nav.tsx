'use client';

import { useTranslations } from 'next-intl';
import { Link, usePathname } from '../../../i18n/navigation';
import styles from './organization.module.css';

const sections = ['members', 'invitations', 'settings'] as const;

/** The organisation area's own navigation: members, invitations, settings. */
export function OrganizationNav() {
  const t = useTranslations('organization.nav');
  const pathname = usePathname();
  return (
    <nav className={styles.nav} aria-label={t('label')}>
      <ul>
        {sections.map((section) => {
          const href = `/organization/${section}`;
          return (
            <li key={section}>
              <Link href={href} aria-current={pathname === href ? 'page' : undefined}>
                {t(section)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
