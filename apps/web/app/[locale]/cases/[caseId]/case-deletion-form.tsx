'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useRouter } from '../../../../i18n/navigation';
import { useFormErrors } from '../../../../components/form-errors';
import { FormField } from '../../../../components/form-field';
import { ErrorNotice } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { signInPath } from '../../../../lib/api-error';
import { apiFieldText } from '../api-field-text';
import { dateFormat } from '../case-dates';

/** Reason, then an explicit confirmation, then the date until which the case can be restored. */
export function CaseDeletionForm({ caseId }: { caseId: string }) {
  const t = useTranslations('erasure.delete');
  const tErrors = useTranslations('errors');
  const format = useFormatter();
  const router = useRouter();
  const { fieldErrors, formError, setFormError, showErrors, clearErrors } = useFormErrors(['reason']);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [restorableUntil, setRestorableUntil] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (reason !== null) confirmButton.current?.focus();
  }, [reason]);

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = event.currentTarget;
    const typed = String(new FormData(checked).get('reason') ?? '');
    const { CaseDeletionRequestSchema } = await loadContracts();
    const parsed = CaseDeletionRequestSchema.safeParse({ reason: typed });
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((issue) => issue.code === 'too_big');
      showErrors(checked, { reason: typed.trim() === '' ? tErrors('required') : tooLong ? t('reasonLong') : t('reasonShort') }, t('errorSummary'));
      return;
    }
    clearErrors();
    setReason(parsed.data.reason);
  }

  async function confirm() {
    if (reason === null) return;
    setSubmitting(true);
    const outcome = await callApi(`/cases/${caseId}/deletion`, lazySchema((contracts) => contracts.CaseDeletionResponseSchema), { method: 'POST', body: { reason } });
    setSubmitting(false);
    setReason(null);
    if (outcome.kind === 'ok') {
      setRestorableUntil(format.dateTime(new Date(outcome.data.purgeAfter), dateFormat));
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else if (outcome.kind === 'notFound') {
      setFormError(t('refused'));
    } else if (outcome.kind === 'failed' && outcome.status === 409) {
      setFormError(t('alreadyDeleted'));
    } else if (outcome.kind === 'failed' && outcome.error?.fields?.reason) {
      showErrors(form.current, { reason: apiFieldText(outcome.error.fields.reason) }, t('errorSummary'));
    } else {
      setFormError(outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  if (restorableUntil) {
    return (
      <div className="notice notice-success" role="status">
        <p>{t('done', { date: restorableUntil })}</p>
        <p>
          <Link href="/organization/deleted-cases">{t('deletedCasesLink')}</Link>
        </p>
      </div>
    );
  }

  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('start')}
      </button>
    );
  }

  return (
    <form ref={form} noValidate onSubmit={(event) => void check(event)} aria-busy={submitting}>
      <ErrorNotice message={formError} />
      <FormField name="reason" label={t('reason')} hint={t('reasonHint')} error={fieldErrors.reason}>
        {(control) => <textarea {...control} dir="auto" rows={3} maxLength={500} required disabled={reason !== null} />}
      </FormField>
      {reason === null ? (
        <button type="submit" className="danger">
          {t('start')}
        </button>
      ) : (
        <div className="notice" role="alertdialog" aria-labelledby="case-deletion-question">
          <p id="case-deletion-question">{t('confirmQuestion')}</p>
          <button ref={confirmButton} type="button" className="danger" onClick={() => void confirm()} disabled={submitting}>
            {submitting ? t('submitting') : t('confirm')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setReason(null)} disabled={submitting}>
            {t('cancel')}
          </button>
        </div>
      )}
    </form>
  );
}
