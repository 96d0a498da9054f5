import { RoleSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MemberList } from './member-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organization.members');
  return { title: t('title') };
}

export default async function MembersPage() {
  const t = await getTranslations('organization.members');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <MemberList roles={RoleSchema.options} />
    </>
  );
}
