import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ResetRequestForm } from './reset-request-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passwordReset.request');
  return { title: t('title') };
}

export default async function PasswordResetRequestPage() {
  const t = await getTranslations('passwordReset.request');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ResetRequestForm />
    </>
  );
}
