import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ServiceUnavailable } from '../../service-unavailable';
import { mayOpenCases, readActiveRole } from '../active-role';
import { NewCaseForm } from './new-case-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.create');
  return { title: t('title') };
}

export default async function NewCasePage() {
  const role = await readActiveRole();
  if (role === 'unavailable') return <ServiceUnavailable />;
  if (!mayOpenCases(role)) notFound();
  const t = await getTranslations('cases.create');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <NewCaseForm />
    </>
  );
}
