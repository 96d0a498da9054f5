'use client';

import { EmailSchema, ErrorCode } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { apiUnavailableCode, readApiError } from '../../../lib/api-error';
import { FormField } from '../form-field';

type LoginField = 'email' | 'password';
type FieldErrors = Partial<Record<LoginField, string>>;

export function LoginForm() {
  const t = useTranslations('login');
  const tErrors = useTranslations('errors');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [signedIn, setSignedIn] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  function showErrors(form: HTMLFormElement, errors: FieldErrors, message: string | null) {
    setFieldErrors(errors);
    setFormError(message);
    const first = (['email', 'password'] as const).find((field) => errors[field]);
    if (first) form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    const email = EmailSchema.safeParse(String(data.get('email') ?? ''));

    const errors: FieldErrors = {};
    if (!email.success) errors.email = String(data.get('email') ?? '').trim() ? t('emailInvalid') : tErrors('required');
    if (!password) errors.password = tErrors('required');
    if (!email.success || !password) {
      showErrors(form, errors, null);
      return;
    }

    setSubmitting(true);
    setFormError(null);
    let response: Response;
    try {
      response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: email.data, password }),
      });
    } catch {
      setSubmitting(false);
      setFormError(tErrors('apiUnavailable'));
      return;
    }
    setSubmitting(false);

    if (response.ok) {
      setFieldErrors({});
      setSignedIn(true);
      return;
    }
    const apiError = await readApiError(response);
    if (!apiError) showErrors(form, {}, tErrors('unexpected'));
    else if (apiError.code === apiUnavailableCode) showErrors(form, {}, tErrors('apiUnavailable'));
    else if (apiError.code === ErrorCode.RateLimited) showErrors(form, {}, tErrors('rateLimited'));
    else showErrors(form, {}, apiError.message);
  }

  if (signedIn) {
    return (
      <div className="notice notice-success" role="status">
        <p>{t('success')}</p>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={submit} aria-busy={submitting}>
      {formError ? (
        <div className="notice notice-error" role="alert">
          <p>{formError}</p>
        </div>
      ) : null}
      <FormField
        name="email"
        label={t('email')}
        error={fieldErrors.email}
        type="email"
        dir="ltr"
        autoComplete="username"
        spellCheck={false}
        required
      />
      <FormField
        name="password"
        label={t('password')}
        error={fieldErrors.password}
        type="password"
        dir="ltr"
        autoComplete="current-password"
        required
      />
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
