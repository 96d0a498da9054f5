'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Link, usePathname, useRouter } from '../../../i18n/navigation';
import { callApi } from '../../../lib/api-client';
import { lazySchema } from '../../../lib/lazy-contracts';
import styles from './account.module.css';

/**
 * In the header while signed in: the way to the account page and the sign-out button. Read again
 * on every navigation, so it appears after signing in and goes after signing out.
 */
export function SessionMenu() {
  const t = useTranslations('sessionMenu');
  const tCases = useTranslations('cases');
  const pathname = usePathname();
  const router = useRouter();
  const [signedIn, setSignedIn] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => {
    let current = true;
    void callApi('/auth/session', lazySchema((contracts) => contracts.SessionResponseSchema)).then((outcome) => {
      if (current) setSignedIn(outcome.kind === 'ok');
    });
    return () => {
      current = false;
    };
  }, [pathname]);

  if (!signedIn) return null;

  async function signOut() {
    setSigningOut(true);
    await callApi('/auth/logout', null, { method: 'POST' });
    // Whatever the answer (already signed out, or the session just ended), the cookie is useless now.
    setSigningOut(false);
    setSignedIn(false);
    router.replace('/login');
    router.refresh();
  }

  return (
    <nav className={styles.menu} aria-label={t('label')}>
      <Link href="/app">{t('home')}</Link>
      <Link href="/cases">{tCases('title')}</Link>
      <Link href="/account">{t('account')}</Link>
      <button type="button" className="secondary" disabled={signingOut} onClick={() => void signOut()}>
        {signingOut ? t('signingOut') : t('signOut')}
      </button>
    </nav>
  );
}
