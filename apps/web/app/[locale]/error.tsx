'use client';

import { useTranslations } from 'next-intl';

// In production the thrown error arrives here without its message; nothing of it is shown.
export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errors');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('pageBody')}</p>
      <button type="button" onClick={() => retry()}>
        {t('retry')}
      </button>
    </>
  );
}
