'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { ErrorNotice, type Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { useRecordForm } from './record-form';
import styles from './records.module.css';

/**
 * A list of case records (relatives, diary entries) where one card at a time turns into its edit
 * form; what was saved or removed is reported through `onMessage`.
 */
export function RecordCards<T extends { id: string }>({
  items,
  empty,
  onMessage,
  renderCard,
  renderForm,
}: {
  items: T[];
  empty: string;
  onMessage: (message: Message | null) => void;
  renderCard: (item: T, actions: { onEdit: () => void; onRemoved: (text: string) => void }) => ReactNode;
  renderForm: (item: T, onDone: (text: string | null) => void) => ReactNode;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="cards">
      {items.map((item) => (
        <li key={item.id} className="card">
          {editing === item.id
            ? renderForm(item, (text) => {
                setEditing(null);
                if (text) onMessage({ tone: 'success', text });
              })
            : renderCard(item, {
                onEdit: () => {
                  onMessage(null);
                  setEditing(item.id);
                },
                onRemoved: (text) => onMessage({ tone: 'success', text }),
              })}
        </li>
      ))}
    </ul>
  );
}

/** Edit and remove buttons of a record's card; removing asks once more before it deletes. */
export function RecordCardActions({
  namespace,
  deletePath,
  onEdit,
  onRemoved,
}: {
  namespace: 'diary' | 'relatives';
  deletePath: string;
  onEdit: () => void;
  onRemoved: (text: string) => void;
}) {
  const t = useTranslations(namespace);
  const [confirming, setConfirming] = useState(false);
  const { formError, sending, send, refresh } = useRecordForm({ errorSummary: t('form.errorSummary'), stale: t('form.stale'), gone: t('form.gone') });

  async function remove() {
    const done = await send(null, () =>
      callApi(deletePath, null, { method: 'DELETE' }).then((outcome) => (outcome.kind === 'ok' ? { kind: 'ok' as const, data: true } : outcome)),
    );
    if (done) {
      onRemoved(t('removed'));
      refresh();
    }
  }

  return (
    <>
      <ErrorNotice message={formError} />
      {confirming ? (
        <div>
          <p>{t('confirmRemove')}</p>
          <div className={styles.actions}>
            <button type="button" className="danger" disabled={sending} onClick={() => void remove()}>
              {sending ? t('removing') : t('confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className={styles.actions}>
          <button type="button" className="secondary" onClick={onEdit}>
            {t('edit')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('remove')}
          </button>
        </div>
      )}
    </>
  );
}
