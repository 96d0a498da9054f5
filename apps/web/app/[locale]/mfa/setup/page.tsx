import { MfaStatusResponseSchema, SessionResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { redirect } from '../../../../i18n/navigation';
import { readFromApi } from '../../../../lib/server-api';
import { ServiceUnavailable } from '../../service-unavailable';
import { TotpSetup } from './totp-setup';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa.setup');
  return { title: t('title') };
}

/**
 * Setting up (or moving) the authenticator app. Open to sessions held for enrolment by their
 * organisation; a session that still owes its code goes to the challenge first.
 */
export default async function MfaSetupPage() {
  const session = await readFromApi('/auth/session', SessionResponseSchema);
  if (session.kind !== 'ok') return <ServiceUnavailable />;
  if (session.data.mfa === 'challenge') redirect({ href: '/mfa', locale: await getLocale() });

  const enrolment = session.data.mfa === 'enrolment';
  // Only a fully signed-in session may read its status; one held for enrolment has no app yet.
  const status = enrolment ? null : await readFromApi('/account/mfa', MfaStatusResponseSchema);
  if (status && status.kind !== 'ok') return <ServiceUnavailable />;
  const replacing = status?.data.totpEnabled ?? false;

  const t = await getTranslations('mfa.setup');
  return (
    <>
      <h1>{t('title')}</h1>
      {enrolment ? (
        <div className="notice" role="status">
          <p>{t('requiredNotice')}</p>
        </div>
      ) : null}
      {replacing ? (
        <div className="notice">
          <p>{t('replacingNotice')}</p>
        </div>
      ) : null}
      <p>{t('intro')}</p>
      <TotpSetup />
    </>
  );
}
