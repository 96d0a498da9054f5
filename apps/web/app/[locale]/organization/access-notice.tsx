'use client';

import { useTranslations } from 'next-intl';
import { Link } from '../../../i18n/navigation';

/** What an organisation page shows instead of its content when the API says no. */
export function AccessNotice({ kind }: { kind: 'signedOut' | 'notFound' }) {
  const t = useTranslations('organization.access');
  if (kind === 'notFound') {
    return (
      <div className="notice" role="status">
        <p>{t('notAvailable')}</p>
      </div>
    );
  }
  return (
    <div className="notice" role="status">
      <p>{t('signedOut')}</p>
      <p>
        <Link href="/login">{t('signIn')}</Link>
      </p>
    </div>
  );
}
