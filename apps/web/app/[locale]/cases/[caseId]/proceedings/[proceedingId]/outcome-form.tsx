'use client';

import type { Hearing, HearingOutcome, HearingWarning } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, TextField } from '../../../../../../components/form-field';
import { ErrorNotice, MessageBox } from '../../../../../../components/message-box';
import styles from '../../../../cases/case-list.module.css';
import { text, useApiForm } from '../api-form';
import { HearingWarnings } from './warnings';

const FIELDS = ['outcome', 'orderSummary', 'nextLocalDateTime', 'nextPurpose'] as const;

/**
 * What happened at a past hearing, and the next date if the bench fixed one (a new hearing is added).
 * `outcomes`: every outcome, in order (HearingOutcomeSchema.options).
 */
export function OutcomeForm({ caseId, hearing, outcomes }: { caseId: string; hearing: Hearing; outcomes: readonly HearingOutcome[] }) {
  const t = useTranslations('hearings');
  const form = useApiForm(FIELDS, { errorSummary: t('record.errorSummary'), stale: t('stale') });
  const [warnings, setWarnings] = useState<HearingWarning[]>([]);
  // Several hearings on one page each have this form: names (and so ids) carry the hearing's id.
  const prefix = `outcome-${hearing.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const next = text(data, `${prefix}-nextLocalDateTime`);
    setWarnings([]);
    const recorded = await form.send(
      element,
      (contracts) => contracts.RecordHearingOutcomeRequestSchema,
      {
        outcome: text(data, `${prefix}-outcome`),
        orderSummary: text(data, `${prefix}-orderSummary`),
        nextLocalDateTime: next === '' ? null : next,
        nextPurpose: text(data, `${prefix}-nextPurpose`),
        version: hearing.version,
      },
      { path: `/cases/${caseId}/hearings/${hearing.id}/outcome`, method: 'POST', response: (contracts) => contracts.HearingOutcomeResponseSchema },
    );
    if (recorded) {
      setWarnings(recorded.warnings);
      form.setMessage({ tone: 'success', text: t('record.saved') });
    }
  }

  return (
    <details className={styles.panel} open={!hearing.outcome}>
      <summary>{t('record.title')}</summary>
      {form.message ? <MessageBox message={form.message} /> : null}
      <HearingWarnings warnings={warnings} />
      <form noValidate onSubmit={(event) => void submit(event)} aria-busy={form.submitting} className={styles.filters} aria-label={t('record.title')}>
        <ErrorNotice message={form.formError} />
        <FormField name={`${prefix}-outcome`} label={t('outcome')} error={form.fieldErrors.outcome}>
          {(control) => (
            <select {...control} defaultValue={hearing.outcome ?? 'ADJOURNED'}>
              {outcomes.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {t(`outcomes.${outcome}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name={`${prefix}-orderSummary`} label={t('orderSummary')} error={form.fieldErrors.orderSummary}>
          {(control) => <textarea {...control} dir="auto" rows={2} maxLength={4000} defaultValue={hearing.orderSummary ?? ''} />}
        </FormField>
        {hearing.nextHearingId ? null : (
          <>
            <TextField
              name={`${prefix}-nextLocalDateTime`}
              label={t('record.nextLocalDateTime')}
              hint={t('record.nextLocalDateTimeHint', { zone: hearing.timeZone })}
              error={form.fieldErrors.nextLocalDateTime}
              type="datetime-local"
              dir="ltr"
            />
            <FormField name={`${prefix}-nextPurpose`} label={t('record.nextPurpose')} error={form.fieldErrors.nextPurpose}>
              {(control) => <textarea {...control} dir="auto" rows={2} maxLength={2000} />}
            </FormField>
          </>
        )}
        <div className={styles.actions}>
          <button type="submit" disabled={form.submitting}>
            {form.submitting ? t('record.submitting') : t('record.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
