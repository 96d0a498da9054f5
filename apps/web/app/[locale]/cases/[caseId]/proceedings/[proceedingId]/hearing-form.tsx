'use client';

import type { HearingWarning } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, TextField } from '../../../../../../components/form-field';
import { ErrorNotice, MessageBox } from '../../../../../../components/message-box';
import styles from '../../../../cases/case-list.module.css';
import { text, useApiForm } from '../api-form';
import { HearingWarnings } from './warnings';

const FIELDS = ['localDateTime', 'courtRoom', 'bench', 'judge', 'purpose'] as const;

/** Adds a hearing at the forum's wall-clock time (its zone is named next to the field). */
export function HearingForm({ caseId, proceedingId, timeZone }: { caseId: string; proceedingId: string; timeZone: string }) {
  const t = useTranslations('hearings');
  const form = useApiForm(FIELDS, { errorSummary: t('add.errorSummary'), stale: t('stale') });
  const [warnings, setWarnings] = useState<HearingWarning[]>([]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    setWarnings([]);
    const created = await form.send(
      element,
      (contracts) => contracts.CreateHearingRequestSchema,
      {
        localDateTime: text(data, 'localDateTime'),
        courtRoom: text(data, 'courtRoom'),
        bench: text(data, 'bench'),
        judge: text(data, 'judge'),
        purpose: text(data, 'purpose'),
      },
      { path: `/cases/${caseId}/proceedings/${proceedingId}/hearings`, method: 'POST', response: (contracts) => contracts.HearingWriteResponseSchema },
    );
    if (created) {
      element.reset();
      setWarnings(created.warnings);
      form.setMessage({ tone: 'success', text: t('add.saved') });
    }
  }

  return (
    <section className="page-section" aria-labelledby="hearing-add-title">
      <h2 id="hearing-add-title">{t('add.title')}</h2>
      {form.message ? <MessageBox message={form.message} /> : null}
      <HearingWarnings warnings={warnings} />
      <form noValidate onSubmit={(event) => void submit(event)} aria-busy={form.submitting} className={styles.filters}>
        <ErrorNotice message={form.formError} />
        <TextField
          name="localDateTime"
          label={t('add.localDateTime')}
          hint={t('add.localDateTimeHint', { zone: timeZone })}
          error={form.fieldErrors.localDateTime}
          type="datetime-local"
          dir="ltr"
          required
        />
        <TextField name="courtRoom" label={t('courtRoom')} error={form.fieldErrors.courtRoom} dir="auto" maxLength={100} />
        <TextField name="bench" label={t('bench')} error={form.fieldErrors.bench} dir="auto" maxLength={200} />
        <TextField name="judge" label={t('judge')} error={form.fieldErrors.judge} dir="auto" maxLength={200} />
        <FormField name="purpose" label={t('purpose')} error={form.fieldErrors.purpose}>
          {(control) => <textarea {...control} dir="auto" rows={2} maxLength={2000} />}
        </FormField>
        <div className={styles.actions}>
          <button type="submit" disabled={form.submitting}>
            {form.submitting ? t('add.submitting') : t('add.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
