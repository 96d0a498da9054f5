import { SessionResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { Link, redirect } from '../../../i18n/navigation';
import { readFromApi } from '../../../lib/server-api';
import { ServiceUnavailable } from '../service-unavailable';
import styles from '../account/account.module.css';
import { NeedsAttention } from './needs-attention';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('title') };
}

/** Names typed in either script keep their own direction inside the sentence. */
const isolate = (chunks: ReactNode) => <bdi>{chunks}</bdi>;

/** Where a signed-in person lands: who they are, where they work, and where to go next. */
export default async function SignedInHomePage() {
  const session = await readFromApi('/auth/session', SessionResponseSchema);
  if (session.kind !== 'ok') return <ServiceUnavailable />;
  const { mfa, displayName, activeOrganization } = session.data;
  if (mfa !== 'satisfied') redirect({ href: mfa === 'challenge' ? '/mfa' : '/mfa/setup', locale: await getLocale() });

  const t = await getTranslations('home');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t.rich('signedInAs', { name: displayName, bdi: isolate })}</p>
      {activeOrganization ? (
        <p>
          {t.rich('workingIn', {
            organization: activeOrganization.name,
            role: t(`roles.${activeOrganization.role}`),
            bdi: isolate,
          })}
        </p>
      ) : (
        <div className="notice">
          <p>{t('noOrganization')}</p>
        </div>
      )}
      <nav aria-label={t('linksLabel')}>
        <ul className={styles.links}>
          {activeOrganization ? (
            <li>
              <Link href="/cases">{t('cases')}</Link>
            </li>
          ) : null}
          {activeOrganization ? (
            <li>
              <Link href="/hearings">{t('hearings')}</Link>
            </li>
          ) : null}
          {activeOrganization?.role === 'ORG_ADMIN' ? (
            <>
              <li>
                <Link href="/organization/members">{t('members')}</Link>
              </li>
              <li>
                <Link href="/organization/invitations">{t('invitations')}</Link>
              </li>
              <li>
                <Link href="/organization/audit">{t('auditLog')}</Link>
              </li>
            </>
          ) : null}
          <li>
            <Link href="/account">{t('account')}</Link>
          </li>
        </ul>
      </nav>
      <NeedsAttention />
    </>
  );
}
