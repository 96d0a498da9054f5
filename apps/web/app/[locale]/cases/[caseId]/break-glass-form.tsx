'use client';

import { BreakGlassRequestSchema, GrantResponseSchema } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useRouter } from '../../../../i18n/navigation';
import { callApi } from '../../organization/api-call';
import { apiFieldText } from '../api-field-text';
import styles from '../cases.module.css';
import { signInPath } from '../sign-in-path';

const reasonId = 'field-reason';

export function BreakGlassForm({ caseId }: { caseId: string }) {
  const t = useTranslations('cases.breakGlass');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [refused, setRefused] = useState(false);

  function showErrors(form: HTMLFormElement, fieldError: string | undefined, message: string) {
    setReasonError(fieldError);
    setFormError(message);
    if (fieldError) form.querySelector<HTMLTextAreaElement>('[name="reason"]')?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const typed = String(new FormData(form).get('reason') ?? '');
    const parsed = BreakGlassRequestSchema.safeParse({ reason: typed });
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((issue) => issue.code === 'too_big');
      const fieldError = typed.trim() === '' ? tErrors('required') : tooLong ? t('reasonLong') : t('reasonShort');
      showErrors(form, fieldError, t('errorSummary'));
      return;
    }
    setSubmitting(true);
    setFormError(null);
    const outcome = await callApi(`/cases/${caseId}/break-glass`, GrantResponseSchema, {
      method: 'POST',
      body: parsed.data,
    });
    if (outcome.kind === 'ok') {
      // A full reload: the page is now the case itself, read afresh with the new access, and
      // focus and screen readers start from its top.
      window.location.reload();
      return;
    }
    setSubmitting(false);
    if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
    else if (outcome.kind === 'notFound') setRefused(true);
    else if (outcome.kind === 'failed' && outcome.error?.fields?.reason) {
      showErrors(form, apiFieldText(outcome.error.fields.reason), t('errorSummary'));
    } else {
      showErrors(form, undefined, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  if (refused) {
    return (
      <div className="notice" role="alert">
        <p>{t('refused')}</p>
      </div>
    );
  }

  const describedBy = ['field-reason-hint', reasonError ? 'field-reason-error' : null].filter(Boolean).join(' ');
  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      {formError ? (
        <div className="notice notice-error" role="alert">
          <p>{formError}</p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={reasonId}>{t('reason')}</label>
        <span id="field-reason-hint" className="hint">
          {t('reasonHint')}
        </span>
        {reasonError ? (
          <span id="field-reason-error" className="field-error">
            {reasonError}
          </span>
        ) : null}
        <textarea
          id={reasonId}
          name="reason"
          className={styles.textarea}
          dir="auto"
          rows={4}
          maxLength={500}
          required
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={describedBy}
        />
      </div>
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
