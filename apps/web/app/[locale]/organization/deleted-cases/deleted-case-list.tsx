'use client';

import type { DeletedCase } from '@lapata/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { MessageBox, type Message } from '../../../../components/message-box';
import { callApi, type ApiOutcome } from '../../../../lib/api-client';
import { lazySchema } from '../../../../lib/lazy-contracts';
import { dateFormat, dateTimeFormat } from '../../cases/case-dates';
import { AccessNotice } from '../access-notice';

type PageState = 'loading' | 'ready' | 'signedOut' | 'notFound' | 'error';
const DAY_MS = 86_400_000;

const fetchDeleted = () => callApi('/organizations/current/deleted-cases', lazySchema((contracts) => contracts.DeletedCaseListResponseSchema));

/** Deleted cases awaiting erasure, with the days left to restore each one. */
export function DeletedCaseList() {
  const t = useTranslations('erasure.deleted');
  const tErrors = useTranslations('errors');
  const format = useFormatter();
  const [state, setState] = useState<PageState>('loading');
  const [cases, setCases] = useState<DeletedCase[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  // When the list was read: days left are counted from then, not at every render.
  const [readAt, setReadAt] = useState(0);

  const show = useCallback((outcome: ApiOutcome<{ items: DeletedCase[] }>) => {
    if (outcome.kind === 'ok') {
      setCases(outcome.data.items);
      setReadAt(Date.now());
      setState('ready');
    } else {
      setState(outcome.kind === 'signedOut' || outcome.kind === 'notFound' ? outcome.kind : 'error');
    }
  }, []);

  useEffect(() => {
    let current = true;
    void fetchDeleted().then((outcome) => {
      if (current) show(outcome);
    });
    return () => {
      current = false;
    };
  }, [show]);

  async function restore(item: DeletedCase) {
    setBusy(item.id);
    const outcome = await callApi(`/cases/${item.id}/deletion`, null, { method: 'DELETE' });
    setBusy(null);
    if (outcome.kind === 'signedOut') {
      setState('signedOut');
      return;
    }
    setMessage(
      outcome.kind === 'ok'
        ? { tone: 'success', text: t('restored', { reference: item.reference }) }
        : { tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : t('restoreFailed') },
    );
    show(await fetchDeleted());
  }

  if (state === 'loading') return <p role="status">{t('loading')}</p>;
  if (state === 'signedOut' || state === 'notFound') return <AccessNotice kind={state} />;
  if (state === 'error') return <MessageBox message={{ tone: 'error', text: tErrors('apiUnavailable') }} />;

  return (
    <>
      <div aria-live="polite">{message ? <MessageBox message={message} /> : null}</div>
      {cases.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul className="cards">
          {cases.map((item) => {
            const daysLeft = Math.max(0, Math.ceil((new Date(item.purgeAfter).getTime() - readAt) / DAY_MS));
            const deletedOn = format.dateTime(new Date(item.deletedAt), dateTimeFormat);
            return (
              <li key={item.id} className="card">
                <h2>
                  {t('reference')} <bdi dir="ltr">{item.reference}</bdi>
                </h2>
                <p>{item.deletedByName ? t('deletedOn', { date: deletedOn, name: item.deletedByName }) : t('deletedOnNoName', { date: deletedOn })}</p>
                {item.reason ? (
                  <dl className="facts">
                    <dt>{t('reason')}</dt>
                    <dd dir="auto">{item.reason}</dd>
                  </dl>
                ) : null}
                <p>
                  <strong>{daysLeft === 0 ? t('dueNow') : t('daysLeft', { days: daysLeft })}</strong>
                  {' — '}
                  {t('purgeOn', { date: format.dateTime(new Date(item.purgeAfter), dateFormat) })}
                </p>
                <button type="button" onClick={() => void restore(item)} disabled={busy !== null}>
                  {busy === item.id ? t('restoring') : t('restore')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
