import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ServiceUnavailable } from '../../service-unavailable';
import { mayOpenCases, readActiveRole } from '../active-role';
import { PfifImportForm } from './pfif-import-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pfifImport');
  return { title: t('title') };
}

export default async function PfifImportPage() {
  const role = await readActiveRole();
  if (role === 'unavailable') return <ServiceUnavailable />;
  if (!mayOpenCases(role)) notFound();
  const t = await getTranslations('pfifImport');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <PfifImportForm />
    </>
  );
}
