import { SessionResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { Link, redirect } from '../../../i18n/navigation';
import { readFromApi } from '../../../lib/server-api';
import { ServiceUnavailable } from '../service-unavailable';
import { ChallengeForm } from './challenge-form';
import { SIGNED_IN_HOME } from './signed-in-home';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa.challenge');
  return { title: t('title') };
}

/** The second step of signing in. Without a session it sends to sign-in; without an app yet, to set-up. */
export default async function MfaChallengePage() {
  const session = await readFromApi('/auth/session', SessionResponseSchema);
  if (session.kind !== 'ok') return <ServiceUnavailable />;
  if (session.data.mfa === 'enrolment') redirect({ href: '/mfa/setup', locale: await getLocale() });

  const t = await getTranslations('mfa.challenge');
  return (
    <>
      <h1>{t('title')}</h1>
      {session.data.mfa === 'satisfied' ? (
        <div className="notice" role="status">
          <p>{t('alreadyDone')}</p>
          <p>
            <Link href={SIGNED_IN_HOME}>{t('continue')}</Link>
          </p>
        </div>
      ) : (
        <ChallengeForm />
      )}
    </>
  );
}
