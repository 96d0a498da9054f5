'use client';

import { ErrorCode, LoginRequestSchema, LoginResponseSchema } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Link, useRouter } from '../../../i18n/navigation';
import { callApi } from '../organization/api-call';
import { FormField } from '../form-field';

type LoginField = 'email' | 'password';
type FieldErrors = Partial<Record<LoginField, string>>;

/** Where each second-factor state leads after the password was right. */
const NEXT_PAGE = { satisfied: '/app', challenge: '/mfa', enrolment: '/mfa/setup' } as const;

export function LoginForm() {
  const t = useTranslations('login');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
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
    const values = { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') };

    // The schema the API validates with; the messages come from our catalogue, in the page's language.
    const parsed = LoginRequestSchema.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as LoginField;
        errors[field] ??= values[field].trim() === '' ? tErrors('required') : field === 'email' ? t('emailInvalid') : t('passwordInvalid');
      }
      showErrors(form, errors, null);
      return;
    }

    setSubmitting(true);
    setFormError(null);
    const outcome = await callApi('/auth/login', LoginResponseSchema, { method: 'POST', body: parsed.data });
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
      <p>
        <Link href="/password-reset">{t('forgotPassword')}</Link>
      </p>
    </>
  );
}
