import { LocaleSchema, RoleSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { InvitationManager } from './invitation-manager';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organization.invitations');
  return { title: t('title') };
}

export default async function InvitationsPage() {
  const t = await getTranslations('organization.invitations');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <InvitationManager roles={RoleSchema.options} locales={LocaleSchema.options} />
    </>
  );
}
