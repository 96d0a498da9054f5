import { AccountSessionListResponseSchema, REMINDER_OFFSET_CHOICES } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { readFromApi } from '../../../lib/server-api';
import { ServiceUnavailable } from '../service-unavailable';
import styles from './account.module.css';
import { PasswordChangeForm } from './password-change-form';
import { MfaSection } from './mfa-section';
import { SessionList } from './session-list';
import { ReminderSettings } from './reminder-settings';
import { CalendarFeed } from './calendar-feed';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account');
  return { title: t('title') };
}

/** The signed-in user's own account: where they are signed in, and their password. */
export default async function AccountPage() {
  const sessions = await readFromApi('/account/sessions', AccountSessionListResponseSchema);
  if (sessions.kind !== 'ok') return <ServiceUnavailable />;
  const t = await getTranslations('account');
  return (
    <>
      <h1>{t('title')}</h1>
      <section className={styles.section} aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('sessions.title')}</h2>
        <p>{t('sessions.intro')}</p>
        <SessionList sessions={sessions.data.sessions} />
      </section>
      <section className={styles.section} aria-labelledby="password-heading">
        <h2 id="password-heading">{t('password.title')}</h2>
        <p>{t('password.intro')}</p>
        <PasswordChangeForm />
      </section>
      <MfaSection />
      <ReminderSettings choices={REMINDER_OFFSET_CHOICES} />
      <CalendarFeed />
    </>
  );
}
