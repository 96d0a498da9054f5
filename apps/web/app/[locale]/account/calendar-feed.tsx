'use client';

import type { CalendarFeedStatus } from '@lapata/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice, MessageBox, type Message } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { lazySchema } from '../../../lib/lazy-contracts';
import styles from './account.module.css';

type Load = { state: 'loading' } | { state: 'ready'; status: CalendarFeedStatus } | { state: 'error' };
type Asking = 'regenerate' | 'revoke' | null;

/**
 * The private calendar (ICS) link: made (or made anew, which stops the old one), shown once with a
 * copy button, or turned off. The API keeps only the token's hash, so the link cannot be shown again.
 */
export function CalendarFeed({ initial }: { initial?: CalendarFeedStatus } = {}) {
  const t = useTranslations('calendarFeed');
  const tErrors = useTranslations('errors');
  const format = useFormatter();
  const [load, setLoad] = useState<Load>(initial ? { state: 'ready', status: initial } : { state: 'loading' });
  const [url, setUrl] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const linkInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (initial) return;
    let current = true;
    void readStatus().then((loaded) => {
      if (current) setLoad(loaded);
    });
    return () => {
      current = false;
    };
  }, [initial]);

  useEffect(() => {
    if (url) linkInput.current?.focus();
  }, [url]);

  async function create() {
    setBusy(true);
    setError(null);
    setMessage(null);
    const outcome = await callApi('/account/calendar-feed', lazySchema((contracts) => contracts.CalendarFeedCreatedSchema), { method: 'POST' });
    setBusy(false);
    setAsking(null);
    if (outcome.kind === 'ok') {
      setUrl(outcome.data.url);
      setCopyState('idle');
      setLoad({ state: 'ready', status: { active: true, createdAt: outcome.data.createdAt } });
    } else {
      setError(outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  async function revoke() {
    setBusy(true);
    setError(null);
    const outcome = await callApi('/account/calendar-feed', null, { method: 'DELETE' });
    setBusy(false);
    setAsking(null);
    if (outcome.kind === 'ok') {
      setUrl(null);
      setLoad({ state: 'ready', status: { active: false, createdAt: null } });
      setMessage({ tone: 'success', text: t('revoked') });
    } else {
      setError(outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
      linkInput.current?.select();
    }
  }

  if (load.state === 'loading') return <p>…</p>;
  if (load.state === 'error') return <MessageBox message={{ tone: 'error', text: tErrors('unexpected') }} />;
  const { status } = load;

  return (
    <section className={styles.section} aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      <p>{t('warning')}</p>
      <div aria-live="polite">{message ? <MessageBox message={message} /> : null}</div>
      <ErrorNotice message={error} />
      {url ? (
        <div>
          <label htmlFor="calendar-feed-link">{t('linkLabel')}</label>
          <p id="calendar-feed-link-hint" className={styles.muted}>
            {t('linkHint')}
          </p>
          <input
            ref={linkInput}
            id="calendar-feed-link"
            type="text"
            readOnly
            dir="ltr"
            value={url}
            aria-describedby="calendar-feed-link-hint"
            onFocus={(event) => event.currentTarget.select()}
            style={{ inlineSize: '100%' }}
          />
          <p>
            <button type="button" className="secondary" onClick={() => void copy()}>
              {t('copy')}
            </button>
          </p>
          <p role="status">{copyState === 'copied' ? t('copied') : copyState === 'failed' ? t('copyFailed') : null}</p>
        </div>
      ) : status.active && status.createdAt ? (
        <p>{t('active', { date: format.dateTime(new Date(status.createdAt), { dateStyle: 'medium' }) })}</p>
      ) : (
        <p>{t('none')}</p>
      )}
      {asking ? (
        <div className="notice" role="alertdialog" aria-labelledby="calendar-feed-question">
          <p id="calendar-feed-question">{asking === 'regenerate' ? t('regenerateQuestion') : t('revokeQuestion')}</p>
          <div className={styles.menu}>
            <button type="button" className="danger" disabled={busy} onClick={() => void (asking === 'regenerate' ? create() : revoke())}>
              {asking === 'regenerate' ? t('regenerateConfirm') : t('revokeConfirm')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setAsking(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : status.active ? (
        <div className={styles.menu}>
          <button type="button" className="secondary" onClick={() => setAsking('regenerate')}>
            {t('regenerate')}
          </button>
          <button type="button" className="danger" onClick={() => setAsking('revoke')}>
            {t('revoke')}
          </button>
        </div>
      ) : (
        <button type="button" disabled={busy} onClick={() => void create()}>
          {busy ? t('creating') : t('create')}
        </button>
      )}
    </section>
  );
}

async function readStatus(): Promise<Load> {
  const outcome = await callApi('/account/calendar-feed', lazySchema((contracts) => contracts.CalendarFeedStatusSchema));
  return outcome.kind === 'ok' ? { state: 'ready', status: outcome.data } : { state: 'error' };
}
