'use client';

import type { Forum, Proceeding, ProceedingStatus, ProceedingType } from '@lapata/contracts';
import { useLocale, useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { FormField, TextField } from '../../../../../components/form-field';
import { HistoricDateField, readHistoricDate } from '../../../../../components/historic-date-field';
import { ErrorNotice, MessageBox } from '../../../../../components/message-box';
import styles from '../../../cases/case-list.module.css';
import { text, useApiForm } from './api-form';

const FIELDS = [
  'forumId',
  'type',
  'caseNumber',
  'filed.from',
  'filed.to',
  'status',
  'counselIds',
  'respondents',
  'reliefSought',
  'appealsProceedingId',
  'transferredFromId',
] as const;

/**
 * Records a proceeding: where (forum), what, its number as the court writes it, and where it stands.
 * `types` and `statuses`: every value, in order (ProceedingTypeSchema.options, ProceedingStatusSchema.options).
 */
export function ProceedingForm({
  caseId,
  forums,
  counsel,
  proceedings,
  types,
  statuses,
}: {
  caseId: string;
  forums: Forum[];
  counsel: { userId: string; name: string }[];
  proceedings: Proceeding[];
  types: readonly ProceedingType[];
  statuses: readonly ProceedingStatus[];
}) {
  const t = useTranslations('proceedings');
  const locale = useLocale();
  const form = useApiForm(FIELDS, { errorSummary: t('create.errorSummary'), stale: t('create.errorSummary') });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const link = (name: string) => (text(data, name) === '' ? null : text(data, name));
    const created = await form.send(
      element,
      (contracts) => contracts.CreateProceedingRequestSchema,
      {
        forumId: text(data, 'forumId'),
        type: text(data, 'type'),
        caseNumber: text(data, 'caseNumber'),
        filed: readHistoricDate(data, 'filed'),
        status: text(data, 'status'),
        counselIds: data.getAll('counselIds').map(String),
        respondents: text(data, 'respondents'),
        reliefSought: text(data, 'reliefSought'),
        appealsProceedingId: link('appealsProceedingId'),
        transferredFromId: link('transferredFromId'),
      },
      { path: `/cases/${caseId}/proceedings`, method: 'POST', response: (contracts) => contracts.ProceedingDetailSchema },
    );
    if (created) {
      element.reset();
      form.setMessage({ tone: 'success', text: t('create.saved') });
    }
  }

  const proceedingLabel = (proceeding: Proceeding) =>
    `${t(`types.${proceeding.type}`)} — ${proceeding.forum.name}${proceeding.caseNumber ? ` (${proceeding.caseNumber})` : ''}`;

  return (
    <section className="page-section" aria-labelledby="proceeding-create-title">
      <h2 id="proceeding-create-title">{t('create.title')}</h2>
      {form.message ? <MessageBox message={form.message} /> : null}
      {forums.length === 0 ? <p>{t('create.noForums')}</p> : null}
      <form noValidate onSubmit={(event) => void submit(event)} aria-busy={form.submitting} className={styles.filters}>
        <ErrorNotice message={form.formError} />
        <FormField name="forumId" label={t('fields.forum')} error={form.fieldErrors.forumId}>
          {(control) => (
            <select {...control} required>
              {forums.map((forum) => (
                <option key={forum.id} value={forum.id}>
                  {forum.name}
                  {forum.city ? `, ${forum.city}` : ''} ({locale === 'ur' ? forum.kind.nameUr : forum.kind.nameEn})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="type" label={t('fields.type')} error={form.fieldErrors.type}>
          {(control) => (
            <select {...control} defaultValue="PETITION">
              {types.map((type) => (
                <option key={type} value={type}>
                  {t(`types.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <TextField name="caseNumber" label={t('fields.caseNumber')} hint={t('fields.caseNumberHint')} error={form.fieldErrors.caseNumber} dir="auto" maxLength={100} />
        <HistoricDateField name="filed" label={t('fields.filed')} errors={{ from: form.fieldErrors['filed.from'], to: form.fieldErrors['filed.to'] }} />
        <FormField name="status" label={t('fields.initialStatus')} error={form.fieldErrors.status}>
          {(control) => (
            <select {...control} defaultValue="FILED">
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {t(`statuses.${status}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {counsel.length > 0 ? (
          <fieldset className="field">
            <legend>{t('fields.counsel')}</legend>
            <span className="hint">{t('fields.counselHint')}</span>
            {form.fieldErrors.counselIds ? <span className="field-error">{form.fieldErrors.counselIds}</span> : null}
            {counsel.map((person) => (
              <label key={person.userId}>
                <input type="checkbox" name="counselIds" value={person.userId} /> <bdi>{person.name}</bdi>
              </label>
            ))}
          </fieldset>
        ) : null}
        <FormField name="respondents" label={t('fields.respondents')} error={form.fieldErrors.respondents}>
          {(control) => <textarea {...control} dir="auto" rows={2} maxLength={2000} />}
        </FormField>
        <FormField name="reliefSought" label={t('fields.reliefSought')} error={form.fieldErrors.reliefSought}>
          {(control) => <textarea {...control} dir="auto" rows={2} maxLength={4000} />}
        </FormField>
        {proceedings.length > 0 ? (
          <>
            <FormField name="appealsProceedingId" label={t('fields.appeals')} error={form.fieldErrors.appealsProceedingId}>
              {(control) => (
                <select {...control} defaultValue="">
                  <option value="">{t('fields.none')}</option>
                  {proceedings.map((proceeding) => (
                    <option key={proceeding.id} value={proceeding.id}>
                      {proceedingLabel(proceeding)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField name="transferredFromId" label={t('fields.transferredFrom')} error={form.fieldErrors.transferredFromId}>
              {(control) => (
                <select {...control} defaultValue="">
                  <option value="">{t('fields.none')}</option>
                  {proceedings.map((proceeding) => (
                    <option key={proceeding.id} value={proceeding.id}>
                      {proceedingLabel(proceeding)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </>
        ) : null}
        <div className={styles.actions}>
          <button type="submit" disabled={form.submitting || forums.length === 0}>
            {form.submitting ? t('create.submitting') : t('create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
