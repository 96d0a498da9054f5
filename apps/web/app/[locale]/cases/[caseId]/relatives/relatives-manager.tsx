'use client';

import type { Relationship, RelativeResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField } from '../../../../../components/form-field';
import { ErrorNotice, MessageBox, type Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { lazySchema } from '../../../../../lib/lazy-contracts';
import { RecordCardActions, RecordCards } from '../disappearance/record-cards';
import { optionalText, useRecordForm, type PathErrors } from '../disappearance/record-form';
import styles from '../disappearance/records.module.css';

/** `relationships`: every relationship, in order (RelationshipSchema.options). */
export function RelativesManager({
  caseId,
  relatives,
  canWrite,
  relationships,
}: {
  caseId: string;
  relatives: RelativeResponse[];
  canWrite: boolean;
  relationships: readonly Relationship[];
}) {
  const t = useTranslations('relatives');
  const [message, setMessage] = useState<Message | null>(null);

  return (
    <>
      <section className="page-section" aria-labelledby="relatives-heading">
        <h2 id="relatives-heading">{t('listTitle')}</h2>
        {message ? <MessageBox message={message} /> : null}
        <RecordCards
          items={relatives}
          empty={t('none')}
          onMessage={setMessage}
          renderForm={(relative, onDone) => <RelativeForm caseId={caseId} relative={relative} relationships={relationships} onDone={onDone} />}
          renderCard={(relative, actions) => <RelativeCard caseId={caseId} relative={relative} canWrite={canWrite} {...actions} />}
        />
      </section>
      {canWrite ? (
        <section className="page-section" aria-labelledby="relative-add-heading">
          <h2 id="relative-add-heading">{t('addTitle')}</h2>
          <RelativeForm caseId={caseId} relative={null} relationships={relationships} onDone={(text) => text && setMessage({ tone: 'success', text })} />
        </section>
      ) : null}
    </>
  );
}

function RelativeCard({
  caseId,
  relative,
  canWrite,
  onEdit,
  onRemoved,
}: {
  caseId: string;
  relative: RelativeResponse;
  canWrite: boolean;
  onEdit: () => void;
  onRemoved: (text: string) => void;
}) {
  const t = useTranslations('relatives');
  return (
    <>
      <h3>
        <bdi>{relative.name}</bdi> <span className={styles.meta}>({t(`relationships.${relative.relationship}`)})</span>
      </h3>
      <dl className="facts">
        <dt>{t('phones')}</dt>
        <dd dir="ltr">{relative.phones.length > 0 ? relative.phones.join(', ') : t('unknown')}</dd>
        <dt>{t('address')}</dt>
        <dd dir="auto">{relative.address ?? t('unknown')}</dd>
        {relative.userName ? (
          <>
            <dt>{t('account')}</dt>
            <dd>
              <bdi>{relative.userName}</bdi>
            </dd>
          </>
        ) : null}
      </dl>
      {relative.notes ? (
        <p className={styles.body} dir="auto">
          {relative.notes}
        </p>
      ) : null}
      {canWrite ? (
        <RecordCardActions namespace="relatives" deletePath={`/cases/${caseId}/relatives/${relative.id}`} onEdit={onEdit} onRemoved={onRemoved} />
      ) : null}
    </>
  );
}

/** Phone numbers are typed in one field, separated by commas or new lines. */
function splitPhones(text: string): string[] {
  return text
    .split(/[,\n،]/)
    .map((phone) => phone.trim())
    .filter(Boolean);
}

/** Messages for `phones.0`, `phones.1`… are shown together under the one phone field. */
function phoneError(errors: PathErrors): string | undefined {
  const messages = Object.entries(errors)
    .filter(([path]) => path === 'phones' || path.startsWith('phones.'))
    .map(([, text]) => text);
  return messages.length > 0 ? messages.join(' ') : undefined;
}

function RelativeForm({
  caseId,
  relative,
  relationships,
  onDone,
}: {
  caseId: string;
  relative: RelativeResponse | null;
  relationships: readonly Relationship[];
  onDone: (message: string | null) => void;
}) {
  const t = useTranslations('relatives');
  const { errors, formError, sending, send, refresh } = useRecordForm({ errorSummary: t('form.errorSummary'), stale: t('form.stale'), gone: t('form.gone') });
  const prefix = relative ? `relative-${relative.id}` : 'relative-new';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body = {
      relationship: String(data.get('relationship') ?? ''),
      name: String(data.get('name') ?? ''),
      phones: splitPhones(String(data.get('phones') ?? '')),
      address: optionalText(data, 'address'),
      notes: optionalText(data, 'notes'),
      // Linking an account is kept as it is; it is not changed from this form.
      userId: relative?.userId ?? null,
      ...(relative ? { version: relative.version } : {}),
    };
    const saved = await send(form, () =>
      callApi(relative ? `/cases/${caseId}/relatives/${relative.id}` : `/cases/${caseId}/relatives`, lazySchema((contracts) => contracts.RelativeResponseSchema), {
        method: relative ? 'PUT' : 'POST',
        body,
      }),
    );
    if (saved) {
      if (!relative) form.reset();
      onDone(relative ? t('saved') : t('added'));
      refresh();
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={sending} aria-label={relative ? t('editTitle') : t('addTitle')}>
      <ErrorNotice message={formError} />
      <FormField name={`${prefix}-relationship`} label={t('relationship')} error={errors.relationship}>
        {(control) => (
          <select {...control} name="relationship" defaultValue={relative?.relationship ?? ''}>
            <option value="" disabled>
              {t('chooseRelationship')}
            </option>
            {relationships.map((option) => (
              <option key={option} value={option}>
                {t(`relationships.${option}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name={`${prefix}-name`} label={t('name')} error={errors.name}>
        {(control) => <input {...control} name="name" type="text" dir="auto" autoComplete="off" defaultValue={relative?.name ?? ''} />}
      </FormField>
      <FormField name={`${prefix}-phones`} label={t('phones')} hint={t('phonesHint')} error={phoneError(errors)}>
        {(control) => (
          <input {...control} name="phones" type="text" dir="ltr" inputMode="tel" autoComplete="off" defaultValue={relative?.phones.join(', ') ?? ''} />
        )}
      </FormField>
      <FormField name={`${prefix}-address`} label={t('address')} error={errors.address}>
        {(control) => <textarea {...control} name="address" dir="auto" defaultValue={relative?.address ?? ''} />}
      </FormField>
      <FormField name={`${prefix}-notes`} label={t('notes')} error={errors.notes}>
        {(control) => <textarea {...control} name="notes" dir="auto" defaultValue={relative?.notes ?? ''} />}
      </FormField>
      {errors.userId ? <p className="field-error">{errors.userId}</p> : null}
      <div className={styles.actions}>
        <button type="submit" disabled={sending}>
          {sending ? t('form.saving') : relative ? t('form.save') : t('form.add')}
        </button>
        {relative ? (
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
