import type { DuplicateWarning } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { Link } from '../../../../../i18n/navigation';
import styles from '../../case-list.module.css';

/**
 * Other cases that may be the same person. Matches the viewer may open are links; a match they may
 * not open is only mentioned, with no reference and no count.
 */
export function DuplicateWarningBox({ duplicates }: { duplicates: DuplicateWarning }) {
  const t = useTranslations('person');
  if (duplicates.matches.length === 0 && !duplicates.hiddenMatches) return null;
  return (
    <div className={`notice ${styles.warning}`} role="alert" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('duplicatesTitle')}</h2>
      {duplicates.matches.length > 0 ? (
        <>
          <p>{t('duplicatesIntro')}</p>
          <ul>
            {duplicates.matches.map((match) => (
              <li key={match.caseId}>
                <Link href={`/cases/${match.caseId}`} dir="ltr">
                  {match.reference}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {duplicates.hiddenMatches ? <p>{t('hiddenDuplicate')}</p> : null}
    </div>
  );
}
