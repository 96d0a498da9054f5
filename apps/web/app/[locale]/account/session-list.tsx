'use client';

import type { AccountSession } from '@lapata/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useRouter } from '../../../i18n/navigation';
import { callApi } from '../../../lib/api-client';
import { lazySchema } from '../../../lib/lazy-contracts';
import styles from './account.module.css';

/** The user's live sessions; any but this one can be ended, one by one or all at once. */
export function SessionList({ sessions }: { sessions: AccountSession[] }) {
  const t = useTranslations('account.sessions');
  const tErrors = useTranslations('errors');
  const format = useFormatter();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'status' | 'error'; text: string } | null>(null);

  async function act(request: () => ReturnType<typeof callApi>, done: string) {
    setBusy(true);
    setMessage(null);
    const outcome = await request();
    setBusy(false);
    if (outcome.kind === 'ok' || outcome.kind === 'notFound') {
      // Ended, or already gone: either way the list is read again.
      setMessage({ kind: 'status', text: done });
      router.refresh();
    } else if (outcome.kind === 'signedOut') {
      router.replace('/login');
    } else {
      setMessage({ kind: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    }
  }

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const others = sessions.filter((session) => !session.current);

  return (
    <>
      <div aria-live="polite">
        {message ? (
          <div className={`notice ${message.kind === 'error' ? 'notice-error' : 'notice-success'}`}>
            <p>{message.text}</p>
          </div>
        ) : null}
      </div>
      <ul className={styles.sessions}>
        {sessions.map((session) => (
          <li key={session.id} className={styles.session}>
            <div id={`session-${session.id}`}>
              <p className={session.current ? styles.current : undefined}>
                {session.device ?? t('unknownDevice')}
                {session.current ? ` · ${t('current')}` : null}
              </p>
              <p className={styles.muted}>
                {t('signedIn', { time: when(session.createdAt) })}
                <br />
                {t('lastSeen', { time: when(session.lastSeenAt) })}
              </p>
            </div>
            {session.current ? null : (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                aria-describedby={`session-${session.id}`}
                onClick={() =>
                  void act(() => callApi(`/account/sessions/${session.id}`, null, { method: 'DELETE' }), t('endedOne'))
                }
              >
                {t('endOne')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(
              () => callApi('/account/sessions/end-others', lazySchema((contracts) => contracts.EndedSessionsResponseSchema), { method: 'POST' }),
              t('endedOthers'),
            )
          }
        >
          {t('endOthers')}
        </button>
      ) : (
        <p>{t('onlyThisOne')}</p>
      )}
    </>
  );
}
