import type { CaseResponse } from '@lapata/contracts';
import { getTranslations } from 'next-intl/server';
import { Link } from '../../../../i18n/navigation';
import styles from '../cases.module.css';

/**
 * The case's reference, the break-glass banner while the viewer's access is an emergency opening,
 * and the case's sections: only those the viewer may open.
 */
export type CaseSection =
  | 'overview'
  | 'person'
  | 'disappearance'
  | 'relatives'
  | 'diary'
  | 'proceedings'
  | 'documents'
  | 'access'
  | 'audit';

export async function CaseHeader({ found, current }: { found: CaseResponse; current: CaseSection }) {
  const t = await getTranslations('cases.case');
  const base = `/cases/${found.id}`;
  const sections: { key: CaseSection; href: string }[] = [
    { key: 'overview', href: base },
    { key: 'person', href: `${base}/person` },
    { key: 'disappearance', href: `${base}/disappearance` },
    { key: 'relatives', href: `${base}/relatives` },
    { key: 'diary', href: `${base}/diary` },
    { key: 'proceedings', href: `${base}/proceedings` },
    { key: 'documents', href: `${base}/documents` },
    // Managing who has access needs MANAGE on the case (the API's case.grant.list).
    ...(found.access.level === 'MANAGE' ? [{ key: 'access' as const, href: `${base}/access` }] : []),
    { key: 'audit', href: `${base}/audit` },
  ];

  return (
    <>
      <h1>
        {t('heading')}{' '}
        <span className={styles.reference} dir="ltr">
          {found.reference}
        </span>
      </h1>
      {found.access.breakGlass ? (
        <div className={styles.banner} role="note" aria-labelledby="break-glass-banner">
          <h2 id="break-glass-banner">{t('breakGlassTitle')}</h2>
          <p>{t('breakGlassBody')}</p>
        </div>
      ) : null}
      {sections.length > 1 ? (
        <nav className={styles.tabs} aria-label={t('sectionsLabel')}>
          <ul>
            {sections.map((section) => (
              <li key={section.key}>
                <Link href={section.href} aria-current={section.key === current ? 'page' : undefined}>
                  {t(`sections.${section.key}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
