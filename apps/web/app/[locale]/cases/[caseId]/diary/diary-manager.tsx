'use client';

import type { DiaryEntryKind, DiaryEntryResponse, DiaryPageResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField } from '../../../../../components/form-field';
import { HistoricDateField, readHistoricDate } from '../../../../../components/historic-date-field';
import { ErrorNotice, MessageBox, type Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { lazySchema } from '../../../../../lib/lazy-contracts';
import { historicDateText } from '../disappearance/historic-date-text';
import { RecordCardActions, RecordCards } from '../disappearance/record-cards';
import { useRecordForm } from '../disappearance/record-form';
import styles from '../disappearance/records.module.css';

/** `kinds`: every kind of entry, in order (DiaryEntryKindSchema.options). */
export function DiaryManager({
  caseId,
  firstPage,
  canWrite,
  kinds,
}: {
  caseId: string;
  firstPage: DiaryPageResponse;
  canWrite: boolean;
  kinds: readonly DiaryEntryKind[];
}) {
  const t = useTranslations('diary');
  const tErrors = useTranslations('errors');
  const [more, setMore] = useState<DiaryEntryResponse[]>([]);
  const [cursor, setCursor] = useState(firstPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  // A refreshed first page (after a change) starts the list again from the top.
  const [shownFirstPage, setShownFirstPage] = useState(firstPage);
  if (shownFirstPage !== firstPage) {
    setShownFirstPage(firstPage);
    setMore([]);
    setCursor(firstPage.nextCursor);
  }

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setLoadError(null);
    const outcome = await callApi(`/cases/${caseId}/diary?cursor=${encodeURIComponent(cursor)}`, lazySchema((contracts) => contracts.DiaryPageResponseSchema));
    setLoading(false);
    if (outcome.kind === 'ok') {
      setMore((current) => [...current, ...outcome.data.entries]);
      setCursor(outcome.data.nextCursor);
    } else {
      setLoadError(outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  const entries = [...firstPage.entries, ...more];
  return (
    <>
      {canWrite ? (
        <section className="page-section" aria-labelledby="diary-add-heading">
          <h2 id="diary-add-heading">{t('addTitle')}</h2>
          <DiaryEntryForm caseId={caseId} entry={null} kinds={kinds} onDone={(text) => text && setMessage({ tone: 'success', text })} />
        </section>
      ) : null}
      <section className="page-section" aria-labelledby="diary-heading">
        <h2 id="diary-heading">{t('listTitle')}</h2>
        {message ? <MessageBox message={message} /> : null}
        <RecordCards
          items={entries}
          empty={t('none')}
          onMessage={setMessage}
          renderForm={(entry, onDone) => <DiaryEntryForm caseId={caseId} entry={entry} kinds={kinds} onDone={onDone} />}
          renderCard={(entry, actions) => <DiaryEntryCard caseId={caseId} entry={entry} {...actions} />}
        />
        <ErrorNotice message={loadError} />
        {cursor ? (
          <button type="button" className="secondary" disabled={loading} onClick={() => void loadMore()}>
            {loading ? t('loadingMore') : t('more')}
          </button>
        ) : null}
      </section>
    </>
  );
}

function DiaryEntryCard({
  caseId,
  entry,
  onEdit,
  onRemoved,
}: {
  caseId: string;
  entry: DiaryEntryResponse;
  onEdit: () => void;
  onRemoved: (text: string) => void;
}) {
  const t = useTranslations('diary');
  return (
    <>
      <h3>
        {t(`kinds.${entry.kind}`)} · <bdi dir="ltr">{historicDateText(entry.occurred)}</bdi>
      </h3>
      <p className={styles.meta}>
        {t('by')} <bdi>{entry.authorName}</bdi>
      </p>
      <p className={styles.body} dir="auto">
        {entry.body}
      </p>
      {entry.canEdit ? (
        <RecordCardActions namespace="diary" deletePath={`/cases/${caseId}/diary/${entry.id}`} onEdit={onEdit} onRemoved={onRemoved} />
      ) : null}
    </>
  );
}

function DiaryEntryForm({
  caseId,
  entry,
  kinds,
  onDone,
}: {
  caseId: string;
  entry: DiaryEntryResponse | null;
  kinds: readonly DiaryEntryKind[];
  onDone: (message: string | null) => void;
}) {
  const t = useTranslations('diary');
  const { errors, formError, sending, send, refresh } = useRecordForm({ errorSummary: t('form.errorSummary'), stale: t('form.stale'), gone: t('form.gone') });
  const prefix = entry ? `diary-${entry.id}` : 'diary-new';
  // A new form after each entry written, so the date field's range toggle starts closed again.
  const [generation, setGeneration] = useState(0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body = {
      kind: String(data.get('kind') ?? ''),
      // An empty date is sent as one, so the API answers with the date field's own message.
      occurred: readHistoricDate(data, 'occurred') ?? { from: '', to: null },
      body: String(data.get('body') ?? ''),
      ...(entry ? { version: entry.version } : {}),
    };
    const saved = await send(form, () =>
      callApi(entry ? `/cases/${caseId}/diary/${entry.id}` : `/cases/${caseId}/diary`, lazySchema((contracts) => contracts.DiaryEntryResponseSchema), {
        method: entry ? 'PUT' : 'POST',
        body,
      }),
    );
    if (saved) {
      if (!entry) setGeneration((value) => value + 1);
      onDone(entry ? t('saved') : t('added'));
      refresh();
    }
  }

  return (
    <form
      key={generation}
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-busy={sending}
      aria-label={entry ? t('editTitle') : t('addTitle')}
    >
      <ErrorNotice message={formError} />
      <FormField name={`${prefix}-kind`} label={t('kind')} error={errors.kind}>
        {(control) => (
          <select {...control} name="kind" defaultValue={entry?.kind ?? ''}>
            <option value="" disabled>
              {t('chooseKind')}
            </option>
            {kinds.map((option) => (
              <option key={option} value={option}>
                {t(`kinds.${option}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <HistoricDateField
        name="occurred"
        label={t('occurred')}
        value={entry?.occurred ?? null}
        errors={{ from: errors['occurred.from'] ?? errors.occurred, to: errors['occurred.to'] }}
        required
      />
      <FormField name={`${prefix}-body`} label={t('body')} error={errors.body}>
        {(control) => <textarea {...control} name="body" dir="auto" defaultValue={entry?.body ?? ''} />}
      </FormField>
      <div className={styles.actions}>
        <button type="submit" disabled={sending}>
          {sending ? t('form.saving') : entry ? t('form.save') : t('form.add')}
        </button>
        {entry ? (
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
