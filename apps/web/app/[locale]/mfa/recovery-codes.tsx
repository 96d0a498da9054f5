'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import styles from './mfa.module.css';

/**
 * Freshly made recovery codes, shown once: the API keeps only their hashes. Focus moves to the list
 * so a screen reader reads it first; the person copies or prints them, then says they saved them.
 */
export function RecoveryCodes({ codes, heading, onSaved }: { codes: string[]; heading: string; onSaved: () => void }) {
  const t = useTranslations('mfa.recoveryCodes');
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <section aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <p>{t('intro')}</p>
      <ol className={styles.codes} dir="ltr" aria-label={t('listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className={`${styles.actions} ${styles.noPrint}`}>
        <button type="button" className="secondary" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <p role="status" className={styles.noPrint}>
        {copyState === 'copied' ? t('copied') : copyState === 'failed' ? t('copyFailed') : null}
      </p>
      <button type="button" className={styles.noPrint} onClick={onSaved}>
        {t('saved')}
      </button>
    </section>
  );
}
