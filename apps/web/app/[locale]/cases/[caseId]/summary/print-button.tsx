'use client';

import { useTranslations } from 'next-intl';

/** Opens the browser's print dialogue (the page's print stylesheet lays it out on A4). */
export function PrintButton() {
  const t = useTranslations('caseSummary');
  return (
    <button type="button" onClick={() => window.print()}>
      {t('print')}
    </button>
  );
}
