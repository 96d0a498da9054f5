import { AssignableCaseworkersResponseSchema, CaseListResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Link } from '../../../i18n/navigation';
import { ServiceUnavailable } from '../service-unavailable';
import { CaseCard } from './case-card';
import { CaseFilterForm } from './case-filter-form';
import { filtersQuery, readCaseFilters } from './case-filters';
import { CaseSearchForm } from './case-search-form';
import styles from './cases.module.css';
import { MoreCases } from './more-cases';
import { readFromApi } from '../../../lib/server-api';
import { mayOpenCases, readActiveRole } from './active-role';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases');
  return { title: t('title') };
}

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { filters, invalid } = readCaseFilters(await searchParams);
  const query = filtersQuery(filters);
  const [role, firstPage] = await Promise.all([readActiveRole(), readFromApi('/cases', CaseListResponseSchema, query)]);
  if (role === 'unavailable' || firstPage.kind === 'unavailable') return <ServiceUnavailable />;
  // Without an active organisation there is no case list to show.
  if (firstPage.kind === 'notFound') notFound();
  const t = await getTranslations('cases');
  const tList = await getTranslations('caseList');
  const canOpen = mayOpenCases(role);
  // Only those who open cases may list the caseworkers to filter by.
  const caseworkers = canOpen ? await readFromApi('/cases/caseworkers', AssignableCaseworkersResponseSchema) : null;
  const { items, nextCursor } = firstPage.data;
  const filtered = query !== '';

  return (
    <>
      <div className={styles.toolbar}>
        <h1>{t('title')}</h1>
        {canOpen ? (
          <span className={styles.toolbarActions}>
            <Link href="/cases/new" className={styles.buttonLink}>
              {t('newCase')}
            </Link>
            <Link href="/cases/import">{t('importPfif')}</Link>
          </span>
        ) : null}
      </div>
      <CaseSearchForm />
      <CaseFilterForm filters={filters} caseworkers={caseworkers?.kind === 'ok' ? caseworkers.data.items : null} />
      {invalid.length > 0 ? (
        <div className="notice notice-error" role="alert">
          <p>{tList('invalidFilters', { fields: invalid.map((name) => tList(name)).join(', ') })}</p>
        </div>
      ) : null}
      {filtered ? <p role="status">{tList('filtered')}</p> : null}
      {items.length === 0 ? (
        <div className="notice" role="status">
          <p>{t('empty')}</p>
          {filtered ? null : <p>{canOpen ? t('emptyCanOpen') : t('emptyWaitForGrant')}</p>}
        </div>
      ) : (
        <ul className="cards" aria-label={t('listLabel')}>
          {items.map((summary) => (
            <CaseCard key={summary.id} summary={summary} />
          ))}
        </ul>
      )}
      {nextCursor ? <MoreCases key={query} firstCursor={nextCursor} filterQuery={query} /> : null}
    </>
  );
}
