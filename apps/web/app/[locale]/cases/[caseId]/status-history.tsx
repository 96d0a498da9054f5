import type { CaseStatusChange } from '@lapata/contracts';
import { getFormatter, getTranslations } from 'next-intl/server';
import { dateFormat, dateTimeFormat } from '../case-dates';
import styles from '../case-list.module.css';

/** The case's status changes, oldest first: when each took effect, when and by whom it was recorded. */
export async function StatusHistory({ history, names }: { history: CaseStatusChange[]; names: Map<string, string> }) {
  const t = await getTranslations('caseStatus');
  const tCases = await getTranslations('cases');
  const format = await getFormatter();
  return (
    <section className="page-section" aria-labelledby="status-history-title">
      <h2 id="status-history-title">{t('historyTitle')}</h2>
      <ol className={styles.timeline}>
        {history.map((change) => (
          <li key={change.id}>
            <h3>
              {change.fromStatus === null
                ? t('opened', { status: tCases(`statuses.${change.toStatus}`) })
                : t('changed', { from: tCases(`statuses.${change.fromStatus}`), to: tCases(`statuses.${change.toStatus}`) })}
            </h3>
            <dl className="facts">
              <dt>{t('effective')}</dt>
              <dd>
                <time dateTime={change.effectiveOn}>{format.dateTime(new Date(`${change.effectiveOn}T12:00:00Z`), { ...dateFormat, timeZone: 'UTC' })}</time>
              </dd>
              <dt>{t('recorded')}</dt>
              <dd>
                <time dateTime={change.createdAt}>{format.dateTime(new Date(change.createdAt), dateTimeFormat)}</time>
              </dd>
              <dt>{t('by')}</dt>
              <dd>{names.get(change.changedById) ?? t('someone')}</dd>
              {change.note ? (
                <>
                  <dt>{t('note')}</dt>
                  <dd dir="auto">{change.note}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}
