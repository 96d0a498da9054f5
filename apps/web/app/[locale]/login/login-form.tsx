'use client';

import { ErrorCode } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Link, useRouter } from '../../../i18n/navigation';
import { callApi } from '../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../lib/lazy-contracts';
import { useFormErrors, type FieldErrors } from '../../../components/form-errors';
import { EmailField, PasswordField } from '../../../components/form-field';
import { ErrorNotice } from '../../../components/message-box';

type LoginField = 'email' | 'password';

/** Where each second-factor state leads after the password was right. */
const NEXT_PAGE = { satisfied: '/app', challenge: '/mfa', enrolment: '/mfa/setup' } as const;

export function LoginForm() {
  const t = useTranslations('login');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, setFormError, showErrors } = useFormErrors<LoginField>(['email', 'password']);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') };

    // The schema the API validates with; the messages come from our catalogue, in the page's language.
    const { LoginRequestSchema } = await loadContracts();
    const parsed = LoginRequestSchema.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors<LoginField> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as LoginField;
        errors[field] ??= values[field].trim() === '' ? tErrors('required') : field === 'email' ? t('emailInvalid') : t('passwordInvalid');
      }
      showErrors(form, errors, null);
      return;
    }

    setSubmitting(true);
    setFormError(null);
    const outcome = await callApi('/auth/login', lazySchema((contracts) => contracts.LoginResponseSchema), { method: 'POST', body: parsed.data });
    if (outcome.kind === 'ok') {
      router.replace(NEXT_PAGE[outcome.data.mfa]);
      router.refresh();
      return;
    }
    setSubmitting(false);
    if (outcome.kind === 'unreachable') showErrors(form, {}, tErrors('apiUnavailable'));
    else if (outcome.kind !== 'failed') showErrors(form, {}, tErrors('unexpected'));
    else if (outcome.error?.code === ErrorCode.InvalidCredentials) showErrors(form, {}, t('invalidCredentials'));
    else if (outcome.error?.code === ErrorCode.RateLimited) showErrors(form, {}, tErrors('rateLimited'));
    else showErrors(form, {}, outcome.error?.message ?? tErrors('unexpected'));
  }

  return (
    <>
      <form noValidate onSubmit={submit} aria-busy={submitting}>
        <ErrorNotice message={formError} />
        <EmailField
          name="email"
          label={t('email')}
          error={fieldErrors.email}
          autoComplete="username"
        />
        <PasswordField
          name="password"
          label={t('password')}
          error={fieldErrors.password}
          autoComplete="current-password"
        />
        <button type="submit" disabled={submitting}>
          {submitting ? t('submitting') : t('submit')}
        </button>
      </form>
      <p>
        <Link href="/password-reset">{t('forgotPassword')}</Link>
      </p>
    </>
  );
}
