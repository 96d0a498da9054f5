'use client';

import type { CaseSummary } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useRouter } from '../../../i18n/navigation';
import { ErrorNotice } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { lazySchema } from '../../../lib/lazy-contracts';
import { signInPath } from '../../../lib/api-error';
import { CaseCard } from './case-card';

/** The pages after the first: fetched in the browser with the cursor the previous page ended on. */
export function MoreCases({ firstCursor, filterQuery = '' }: { firstCursor: string; filterQuery?: string }) {
  const t = useTranslations('cases');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [pages, setPages] = useState<CaseSummary[][]>([]);
  const [cursor, setCursor] = useState<string | null>(firstCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastPage = useRef<HTMLUListElement>(null);

  // Keyboard and screen-reader users continue from the first case that was just added.
  useEffect(() => {
    if (pages.length > 0) lastPage.current?.querySelector('a')?.focus();
  }, [pages.length]);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    const outcome = await callApi(
      `/cases?cursor=${encodeURIComponent(cursor)}${filterQuery ? `&${filterQuery}` : ''}`,
      lazySchema((contracts) => contracts.CaseListResponseSchema),
    );
    setLoading(false);
    if (outcome.kind === 'ok') {
      setPages((current) => [...current, outcome.data.items]);
      setCursor(outcome.data.nextCursor);
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else {
      setError(outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  return (
    <>
      {pages.map((items, index) => (
        <ul
          key={index}
          ref={index === pages.length - 1 ? lastPage : undefined}
          className="cards"
          aria-label={t('listLabel')}
        >
          {items.map((summary) => (
            <CaseCard key={summary.id} summary={summary} />
          ))}
        </ul>
      ))}
      <ErrorNotice message={error} />
      {cursor ? (
        <button type="button" className="secondary" disabled={loading} onClick={() => void loadMore()}>
          {loading ? t('loadingMore') : t('more')}
        </button>
      ) : (
        <p role="status">{t('allShown')}</p>
      )}
    </>
  );
}
