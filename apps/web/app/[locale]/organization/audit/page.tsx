import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '../../../../i18n/navigation';
import { AuditLog } from './audit-log';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auditTrail.organization');
  return { title: t('title') };
}

/** The organisation's audit log (administrators; the API answers 404 to anyone else). */
export default async function OrganizationAuditPage() {
  const t = await getTranslations('auditTrail.organization');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <Link href="/organization/deleted-cases">{t('deletedCasesLink')}</Link>
      </p>
      <AuditLog />
    </>
  );
}
