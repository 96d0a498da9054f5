import { CaseListResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Link } from '../../../i18n/navigation';
import { ServiceUnavailable } from '../service-unavailable';
import { CaseCard } from './case-card';
import styles from './cases.module.css';
import { MoreCases } from './more-cases';
import { readFromApi } from '../../../lib/server-api';
import { mayOpenCases, readActiveRole } from './active-role';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases');
  return { title: t('title') };
}

export default async function CasesPage() {
  const [role, firstPage] = await Promise.all([readActiveRole(), readFromApi('/cases', CaseListResponseSchema)]);
  if (role === 'unavailable' || firstPage.kind === 'unavailable') return <ServiceUnavailable />;
  // Without an active organisation there is no case list to show.
  if (firstPage.kind === 'notFound') notFound();
  const t = await getTranslations('cases');
  const canOpen = mayOpenCases(role);
  const { items, nextCursor } = firstPage.data;

  return (
    <>
      <div className={styles.toolbar}>
        <h1>{t('title')}</h1>
        {canOpen ? (
          <Link href="/cases/new" className={styles.buttonLink}>
            {t('newCase')}
          </Link>
        ) : null}
      </div>
      {items.length === 0 ? (
        <div className="notice" role="status">
          <p>{t('empty')}</p>
          <p>{canOpen ? t('emptyCanOpen') : t('emptyWaitForGrant')}</p>
        </div>
      ) : (
        <ul className="cards" aria-label={t('listLabel')}>
          {items.map((summary) => (
            <CaseCard key={summary.id} summary={summary} />
          ))}
        </ul>
      )}
      {nextCursor ? <MoreCases firstCursor={nextCursor} /> : null}
    </>
  );
}
