'use client';

import type { ProceedingStatus } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { FormField, TextField } from '../../../../../../components/form-field';
import { ErrorNotice, MessageBox } from '../../../../../../components/message-box';
import styles from '../../../../cases/case-list.module.css';
import { text, useApiForm } from '../api-form';
import { pakistanToday } from '../hearing-time';

const FIELDS = ['to', 'effectiveOn', 'note'] as const;

/** Moves the status: only the next states the transition table allows are offered. */
export function StatusForm({ caseId, proceedingId, allowed, version }: { caseId: string; proceedingId: string; allowed: ProceedingStatus[]; version: number }) {
  const t = useTranslations('proceedings');
  const form = useApiForm(FIELDS, { errorSummary: t('status.errorSummary'), stale: t('status.stale') });
  const today = pakistanToday();

  if (allowed.length === 0) {
    return (
      <section className="page-section" aria-labelledby="status-form-title">
        <h2 id="status-form-title">{t('status.title')}</h2>
        <p>{t('status.final')}</p>
      </section>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const changed = await form.send(
      element,
      (contracts) => contracts.ChangeProceedingStatusRequestSchema,
      { to: text(data, 'to'), effectiveOn: text(data, 'effectiveOn'), note: text(data, 'note'), version },
      { path: `/cases/${caseId}/proceedings/${proceedingId}/status`, method: 'POST', response: (contracts) => contracts.ProceedingDetailSchema },
      (error) => {
        if (error.code !== 'ILLEGAL_TRANSITION') return false;
        form.showErrors(element, {}, t('status.illegal'));
        return true;
      },
    );
    if (changed) {
      element.reset();
      form.setMessage({ tone: 'success', text: t('status.saved') });
    }
  }

  return (
    <section className="page-section" aria-labelledby="status-form-title">
      <h2 id="status-form-title">{t('status.title')}</h2>
      {form.message ? <MessageBox message={form.message} /> : null}
      <form noValidate onSubmit={(event) => void submit(event)} aria-busy={form.submitting} className={styles.filters}>
        <ErrorNotice message={form.formError} />
        <FormField name="to" label={t('status.to')} error={form.fieldErrors.to}>
          {(control) => (
            <select {...control} defaultValue={allowed[0]}>
              {allowed.map((status) => (
                <option key={status} value={status}>
                  {t(`statuses.${status}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <TextField
          name="effectiveOn"
          label={t('status.effectiveOn')}
          hint={t('status.effectiveOnHint')}
          error={form.fieldErrors.effectiveOn}
          type="date"
          dir="ltr"
          max={today}
          defaultValue={today}
          required
        />
        <FormField name="note" label={t('status.note')} error={form.fieldErrors.note}>
          {(control) => <textarea {...control} dir="auto" rows={2} maxLength={2000} />}
        </FormField>
        <div className={styles.actions}>
          <button type="submit" disabled={form.submitting}>
            {form.submitting ? t('status.submitting') : t('status.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
