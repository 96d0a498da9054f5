'use client';

import { ErrorCode } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from '../../../i18n/navigation';
import { useFormErrors } from '../../../components/form-errors';
import { EmailField } from '../../../components/form-field';
import { ErrorNotice } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../lib/lazy-contracts';

export function ResetRequestForm() {
  const t = useTranslations('passwordReset.request');
  const tErrors = useTranslations('errors');
  const { fieldErrors, formError, setFormError, showErrors } = useFormErrors(['email']);
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  /** Shows `message` at the email field, or for the whole form. */
  function refuse(message: string, field: boolean) {
    showErrors(form.current, field ? { email: message } : {}, field ? null : message);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '');
    const { PasswordResetRequestSchema } = await loadContracts();
    const parsed = PasswordResetRequestSchema.safeParse({ email });
    if (!parsed.success) return refuse(email.trim() === '' ? tErrors('required') : t('emailInvalid'), true);

    setSubmitting(true);
    setFormError(null);
    const outcome = await callApi('/auth/password-reset', lazySchema((contracts) => contracts.PasswordResetRequestedResponseSchema), {
      method: 'POST',
      body: parsed.data,
    });
    setSubmitting(false);
    if (outcome.kind === 'ok') setSent(true);
    else if (outcome.kind === 'unreachable') refuse(tErrors('apiUnavailable'), false);
    else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.RateLimited) refuse(tErrors('rateLimited'), false);
    else if (outcome.kind === 'failed' && outcome.error?.fields?.email) refuse(t('emailInvalid'), true);
    else refuse(tErrors('unexpected'), false);
  }

  if (sent) {
    return (
      <div className="notice notice-success" role="status">
        <p>{t('sent')}</p>
        <p>
          <Link href="/login">{t('backToLogin')}</Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <form ref={form} noValidate onSubmit={submit} aria-busy={submitting}>
        <ErrorNotice message={formError} />
        <EmailField
          name="email"
          label={t('email')}
          error={fieldErrors.email}
          autoComplete="email"
        />
        <button type="submit" disabled={submitting}>
          {submitting ? t('submitting') : t('submit')}
        </button>
      </form>
      <p>
        <Link href="/login">{t('backToLogin')}</Link>
      </p>
    </>
  );
}
