import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '../../../../i18n/navigation';
import { DeletedCaseList } from './deleted-case-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('erasure.deleted');
  return { title: t('title') };
}

/** Deleted cases that can still be restored (administrators; the API answers 404 to anyone else). */
export default async function DeletedCasesPage() {
  const t = await getTranslations('erasure.deleted');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <Link href="/organization/audit">{t('auditLink')}</Link>
      </p>
      <DeletedCaseList />
    </>
  );
}
