import type { CaseSummary } from '@lapata/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { Link } from '../../../i18n/navigation';
import { dateTimeFormat } from './case-dates';
import { CaseTags } from './case-tags';
import styles from './cases.module.css';

/** One case in the list. Rendered on the server for the first page and in the browser for the next ones. */
export function CaseCard({ summary }: { summary: CaseSummary }) {
  const t = useTranslations('cases');
  const format = useFormatter();
  return (
    <li className="card">
      <h2>
        <Link href={`/cases/${summary.id}`} className={styles.reference} dir="ltr">
          {summary.reference}
        </Link>
      </h2>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>{t(`statuses.${summary.status}`)}</dd>
        <dt>{t('tags')}</dt>
        <dd>
          <CaseTags tags={summary.tags} />
        </dd>
        <dt>{t('updated')}</dt>
        <dd>
          <time dateTime={summary.updatedAt}>{format.dateTime(new Date(summary.updatedAt), dateTimeFormat)}</time>
        </dd>
      </dl>
    </li>
  );
}
