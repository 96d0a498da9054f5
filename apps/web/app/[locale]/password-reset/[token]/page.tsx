import { PasswordResetCompleteRequestSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ResetCompleteForm } from './reset-complete-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passwordReset.complete');
  return { title: t('title') };
}

interface ResetCompletePageProps {
  params: Promise<{ token: string }>;
}

/** The page the emailed link opens. The token goes to the API in a request body, never in a query. */
export default async function PasswordResetCompletePage({ params }: ResetCompletePageProps) {
  const { token } = await params;
  const t = await getTranslations('passwordReset.complete');
  return (
    <>
      <h1>{t('title')}</h1>
      <ResetCompleteForm token={token} linkValid={PasswordResetCompleteRequestSchema.shape.token.safeParse(token).success} />
    </>
  );
}
