'use client';

import type { Notification } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Link, useRouter } from '../../../i18n/navigation';
import { ErrorNotice } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { signInPath } from '../../../lib/api-error';
import styles from '../cases/cases.module.css';

/** A notification as the page shows it: its time already formatted on the server. */
export interface NotificationView {
  id: string;
  kind: Notification['kind'];
  caseId: string | null;
  received: { iso: string; text: string };
  read: boolean;
}

export function NotificationList({ notifications }: { notifications: NotificationView[] }) {
  const t = useTranslations('notifications');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [marking, setMarking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function markRead(id: string) {
    setMarking(id);
    setError(null);
    const outcome = await callApi(`/notifications/${id}/read`, null, { method: 'POST' });
    setMarking(null);
    if (outcome.kind === 'ok' || outcome.kind === 'notFound') {
      // The button goes away: focus stays on the notification it was for.
      document.getElementById(`notification-${id}`)?.focus();
      startRefresh(() => router.refresh());
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else {
      setError(outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  if (notifications.length === 0) return <p>{t('empty')}</p>;

  return (
    <>
      <ErrorNotice message={error} />
      <ul className="cards" aria-busy={refreshing}>
        {notifications.map((notification) => (
          <li key={notification.id} className={`card ${notification.read ? '' : styles.unread}`}>
            {notification.read ? null : <p className={styles.emphasis}>{t('unread')}</p>}
            <p id={`notification-${notification.id}`} tabIndex={-1}>{t(`kinds.${notification.kind}`)}</p>
            <dl className="facts">
              <dt>{t('received')}</dt>
              <dd>
                <time dateTime={notification.received.iso}>{notification.received.text}</time>
              </dd>
            </dl>
            <div className={styles.actions}>
              {notification.caseId ? <Link href={`/cases/${notification.caseId}`}>{t('openCase')}</Link> : null}
              {notification.read ? null : (
                <button
                  type="button"
                  className="secondary"
                  aria-describedby={`notification-${notification.id}`}
                  disabled={marking === notification.id}
                  onClick={() => void markRead(notification.id)}
                >
                  {t('markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
