import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { fetchSetupStatus } from '../../../lib/setup-status';
import { ServiceUnavailable } from '../service-unavailable';
import { SetupForm } from './setup-form';
import { SetupNotice } from './setup-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setup');
  return { title: t('title') };
}

export default async function SetupPage() {
  const status = await fetchSetupStatus();
  if (status === 'unavailable') return <ServiceUnavailable />;
  const t = await getTranslations('setup');
  return (
    <>
      <h1>{t('title')}</h1>
      {status === 'done' ? (
        <SetupNotice kind="alreadyDone" />
      ) : (
        <>
          <p>{t('intro')}</p>
          <SetupForm />
        </>
      )}
    </>
  );
}
