'use client';

import type { CaseStatus } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useRouter } from '../../../../i18n/navigation';
import { useFormErrors } from '../../../../components/form-errors';
import { FormField, TextField } from '../../../../components/form-field';
import { ErrorNotice, MessageBox, type Message } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { signInPath } from '../../../../lib/api-error';
import { apiFieldText } from '../api-field-text';
import styles from '../case-list.module.css';

const FIELDS = ['status', 'effectiveOn', 'note'] as const;
type Field = (typeof FIELDS)[number];

/** Records a change of status with the day it took effect (today by default, in Pakistan time). */
export function StatusChangeForm({
  caseId,
  current,
  version,
  statuses,
}: {
  caseId: string;
  current: CaseStatus;
  version: number;
  /** Every status, in order (CaseStatusSchema.options). */
  statuses: readonly CaseStatus[];
}) {
  const t = useTranslations('caseStatus');
  const tCases = useTranslations('cases');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, showErrors, clearErrors } = useFormErrors(FIELDS);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  // Today in Pakistan time, fixed when the form is first shown.
  const [today] = useState(() => new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setMessage(null);
    const { CaseStatusChangeRequestSchema } = await loadContracts();
    const parsed = CaseStatusChangeRequestSchema.safeParse({
      status: data.get('status'),
      effectiveOn: String(data.get('effectiveOn') ?? ''),
      note: String(data.get('note') ?? ''),
      version,
    });
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= apiFieldText([issue.message]);
      showErrors(form, errors, t('errorSummary'));
      return;
    }
    clearErrors();
    setSubmitting(true);
    const outcome = await callApi(`/cases/${caseId}/status`, lazySchema((contracts) => contracts.CaseResponseSchema), { method: 'POST', body: parsed.data });
    setSubmitting(false);
    if (outcome.kind === 'ok') {
      form.reset();
      setMessage({ tone: 'success', text: t('saved') });
      router.refresh();
    } else if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
    else if (outcome.kind === 'failed' && outcome.status === 409) {
      showErrors(form, {}, t('stale'));
      router.refresh();
    } else if (outcome.kind === 'failed' && outcome.error?.fields) {
      const errors: Partial<Record<Field, string>> = {};
      for (const [path, messages] of Object.entries(outcome.error.fields)) errors[path as Field] = apiFieldText(messages);
      showErrors(form, errors, t('errorSummary'));
    } else showErrors(form, {}, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
  }

  return (
    <section className="page-section" aria-labelledby="status-change-title">
      <h2 id="status-change-title">{t('changeTitle')}</h2>
      {message ? <MessageBox message={message} /> : null}
      <form noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting} className={styles.filters}>
        <ErrorNotice message={formError} />
        <FormField name="status" label={t('newStatus')} error={fieldErrors.status}>
          {(control) => (
            <select {...control} defaultValue={statuses.find((status) => status !== current)}>
              {statuses
                .filter((status) => status !== current)
                .map((status) => (
                  <option key={status} value={status}>
                    {tCases(`statuses.${status}`)}
                  </option>
                ))}
            </select>
          )}
        </FormField>
        <TextField
          name="effectiveOn"
          label={t('effectiveOn')}
          hint={t('effectiveOnHint')}
          error={fieldErrors.effectiveOn}
          type="date"
          dir="ltr"
          max={today}
          defaultValue={today}
          required
        />
        <FormField name="note" label={t('noteLabel')} hint={t('noteHint')} error={fieldErrors.note}>
          {(control) => <textarea {...control} dir="auto" rows={2} maxLength={2000} />}
        </FormField>
        <div className={styles.actions}>
          <button type="submit" disabled={submitting}>
            {submitting ? t('submitting') : t('submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
