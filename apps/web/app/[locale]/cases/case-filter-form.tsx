import { CaseStatusSchema } from '@lapata/contracts';
import { getTranslations } from 'next-intl/server';
import { Link } from '../../../i18n/navigation';
import type { CaseFilters } from './case-filters';
import styles from './case-list.module.css';

/**
 * The list's filters: a plain GET form (it works without JavaScript), since statuses, tags,
 * caseworker ids and dates say nothing about any person. Searching by a name or an ID number has
 * its own POST form (CaseSearchForm) and never goes in the address.
 */
export async function CaseFilterForm({
  filters,
  caseworkers,
}: {
  filters: CaseFilters;
  caseworkers: { id: string; displayName: string }[] | null;
}) {
  const t = await getTranslations('caseList');
  const tCases = await getTranslations('cases');
  const active = Object.values(filters).some((value) => value !== undefined);
  return (
    <details className={styles.panel} open={active}>
      <summary>{t('filtersTitle')}</summary>
      <form method="get" className={styles.filters}>
        <div className="field">
          <label htmlFor="filter-status">{t('status')}</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('anyStatus')}</option>
            {CaseStatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {tCases(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-tag">{t('tag')}</label>
          <span id="filter-tag-hint" className="hint">
            {t('tagHint')}
          </span>
          <input id="filter-tag" name="tag" type="text" dir="auto" autoComplete="off" defaultValue={filters.tag ?? ''} aria-describedby="filter-tag-hint" />
        </div>
        {caseworkers ? (
          <div className="field">
            <label htmlFor="filter-caseworker">{t('caseworker')}</label>
            <select id="filter-caseworker" name="assignedCaseworkerId" defaultValue={filters.assignedCaseworkerId ?? ''}>
              <option value="">{t('anyCaseworker')}</option>
              {caseworkers.map((caseworker) => (
                <option key={caseworker.id} value={caseworker.id}>
                  {caseworker.displayName}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <fieldset className={styles.range}>
          <legend>{t('disappearedLegend')}</legend>
          <span id="filter-disappeared-hint" className="hint">
            {t('disappearedHint')}
          </span>
          <div className="field">
            <label htmlFor="filter-disappeared-from">{t('disappearedFrom')}</label>
            <input
              id="filter-disappeared-from"
              name="disappearedFrom"
              type="text"
              inputMode="numeric"
              dir="ltr"
              autoComplete="off"
              placeholder="1994-06"
              defaultValue={filters.disappearedFrom ?? ''}
              aria-describedby="filter-disappeared-hint"
            />
          </div>
          <div className="field">
            <label htmlFor="filter-disappeared-to">{t('disappearedTo')}</label>
            <input
              id="filter-disappeared-to"
              name="disappearedTo"
              type="text"
              inputMode="numeric"
              dir="ltr"
              autoComplete="off"
              placeholder="1996"
              defaultValue={filters.disappearedTo ?? ''}
              aria-describedby="filter-disappeared-hint"
            />
          </div>
        </fieldset>
        <div className={styles.range}>
          <div className="field">
            <label htmlFor="filter-updated-from">{t('updatedFrom')}</label>
            <input id="filter-updated-from" name="updatedFrom" type="date" dir="ltr" defaultValue={filters.updatedFrom ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="filter-updated-to">{t('updatedTo')}</label>
            <input id="filter-updated-to" name="updatedTo" type="date" dir="ltr" defaultValue={filters.updatedTo ?? ''} />
          </div>
        </div>
        <div className={styles.actions}>
          <button type="submit">{t('apply')}</button>
          {active ? <Link href="/cases">{t('clear')}</Link> : null}
        </div>
      </form>
    </details>
  );
}
