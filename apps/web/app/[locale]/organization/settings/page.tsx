import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MfaRequirementForm } from './mfa-requirement-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa.requirement');
  return { title: t('title') };
}

export default async function OrganizationSettingsPage() {
  const t = await getTranslations('mfa.requirement');
  return (
    <>
      <h1>{t('title')}</h1>
      <MfaRequirementForm />
    </>
  );
}
