'use client';

import type { AuditEntry } from '@lapata/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { callApi } from '../../../../../lib/api-client';
import { lazySchema } from '../../../../../lib/lazy-contracts';
import { dateTimeFormat } from '../../case-dates';
import styles from './audit.module.css';

type Load = 'loading' | 'ready' | 'error' | 'signedOut' | 'notFound';

const auditPage = lazySchema((contracts) => contracts.AuditPageSchema);

/** Entities and actions with words of their own; anything newer is shown by its name. */
export const KNOWN_ENTITIES = ['case', 'missing_person', 'case_grant', 'disappearance', 'relative', 'diary_entry', 'proceeding', 'hearing', 'filing', 'photo', 'membership'] as const;
export const KNOWN_ACTIONS = ['read', 'create', 'update', 'delete', 'restore', 'purge', 'revoke', 'break_glass', 'list'] as const;
type KnownEntity = (typeof KNOWN_ENTITIES)[number];
type KnownAction = (typeof KNOWN_ACTIONS)[number];

/**
 * A timeline of audit entries in plain words ("Ayesha (caseworker) viewed the missing person's
 * details"), newest first, with "show older" (keyset pages from the API). Used by the case's trail
 * and the organisation's log. `query` holds only opaque ids, dates and action names.
 */
export function AuditTimeline({
  path,
  query,
  onOnlyCase,
}: {
  path: string;
  query: Record<string, string>;
  /** The organisation log offers "only this case" on entries of a case. */
  onOnlyCase?: (caseId: string) => void;
}) {
  const t = useTranslations('auditTrail');
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<Load>('loading');
  const [loadingMore, setLoadingMore] = useState(false);
  const search = new URLSearchParams(query).toString();

  useEffect(() => {
    // A change of filters remounts this component (see its `key`), so state starts at 'loading'.
    let current = true;
    void callApi(`${path}${search ? `?${search}` : ''}`, auditPage).then((outcome) => {
      if (!current) return;
      if (outcome.kind === 'ok') {
        setEntries(outcome.data.items);
        setCursor(outcome.data.nextCursor);
        setState('ready');
      } else {
        setState(outcome.kind === 'signedOut' || outcome.kind === 'notFound' ? outcome.kind : 'error');
      }
    });
    return () => {
      current = false;
    };
  }, [path, search]);

  async function loadOlder() {
    if (!cursor) return;
    setLoadingMore(true);
    const params = new URLSearchParams(query);
    params.set('cursor', cursor);
    const outcome = await callApi(`${path}?${params.toString()}`, auditPage);
    setLoadingMore(false);
    if (outcome.kind === 'ok') {
      setEntries((before) => [...before, ...outcome.data.items]);
      setCursor(outcome.data.nextCursor);
    } else {
      setState('error');
    }
  }

  if (state === 'loading') return <p role="status">{t('loading')}</p>;
  if (state === 'error' || state === 'signedOut' || state === 'notFound') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('loadFailed')}</p>
      </div>
    );
  }
  if (entries.length === 0) return <p>{t('case.empty')}</p>;
  return (
    <>
      <ol className={styles.timeline}>
        {entries.map((entry) => (
          <AuditLine key={entry.id} entry={entry} onOnlyCase={onOnlyCase} />
        ))}
      </ol>
      {cursor ? (
        <button type="button" className="secondary" onClick={() => void loadOlder()} disabled={loadingMore}>
          {loadingMore ? t('loading') : t('older')}
        </button>
      ) : null}
    </>
  );
}

/**
 * A name in either script inside a sentence of the page's language: a first-strong isolate
 * (U+2068 … U+2069) so that "Sana Baloch" does not turn an Urdu sentence left-to-right.
 */
function isolate(name: string): string {
  return `\u2068${name}\u2069`;
}

function AuditLine({ entry, onOnlyCase }: { entry: AuditEntry; onOnlyCase?: (caseId: string) => void }) {
  const t = useTranslations('auditTrail');
  const format = useFormatter();
  const actor =
    entry.actorId === null
      ? t('system')
      : entry.actorName === null
        ? t('formerMember')
        : entry.actorRole
          ? t('actorWithRole', { name: isolate(entry.actorName), role: t(`roles.${entry.actorRole}`) })
          : isolate(entry.actorName);
  const entity = (KNOWN_ENTITIES as readonly string[]).includes(entry.entity) ? (entry.entity as KnownEntity) : null;
  const thing = entity ? t(`entities.${entity}`) : t('entities.other', { entity: entry.entity });
  const action = (KNOWN_ACTIONS as readonly string[]).includes(entry.action) ? (entry.action as KnownAction) : null;
  const what = action ? t(`actions.${action}`, { actor, thing }) : t('actions.other', { actor, thing, action: entry.action });
  return (
    <li className={styles.entry}>
      <p className={styles.what}>
        {what}
        {entry.breakGlass ? <span className={styles.badge}>{t('breakGlass')}</span> : null}
      </p>
      <p className={styles.when}>
        <time dateTime={entry.occurredAt}>{format.dateTime(new Date(entry.occurredAt), dateTimeFormat)}</time>
      </p>
      {entry.fields.length > 0 ? (
        <p className={styles.fields}>
          {t('fields')} <bdi dir="ltr">{entry.fields.join(', ')}</bdi>
        </p>
      ) : null}
      {onOnlyCase && entry.caseId ? (
        <button type="button" className="secondary" onClick={() => onOnlyCase(entry.caseId!)}>
          {t('organization.onlyCase')}
        </button>
      ) : null}
    </li>
  );
}
