'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Link } from '../../../i18n/navigation';

/**
 * The end of setup, either just done here or done before. Focus moves to it when it replaces the form,
 * so a screen reader announces the result.
 */
export function SetupNotice({ kind, takeFocus = false }: { kind: 'created' | 'alreadyDone'; takeFocus?: boolean }) {
  const t = useTranslations('setup');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);

  const created = kind === 'created';
  return (
    <>
      <div className={created ? 'notice notice-success' : 'notice'} role={created ? 'status' : undefined}>
        <h2 ref={heading} tabIndex={-1}>
          {created ? t('successTitle') : t('alreadyDoneTitle')}
        </h2>
        <p>{created ? t('successBody') : t('alreadyDoneBody')}</p>
      </div>
      <p>
        <Link href="/login">{t('goToLogin')}</Link>
      </p>
    </>
  );
}
