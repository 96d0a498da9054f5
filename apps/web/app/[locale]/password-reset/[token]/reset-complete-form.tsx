'use client';

import { ErrorCode } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from '../../../../i18n/navigation';
import { useFormErrors } from '../../../../components/form-errors';
import { PasswordField } from '../../../../components/form-field';
import { ErrorNotice } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { loadContracts } from '../../../../lib/lazy-contracts';
import { newPasswordMessage } from '../../account/password-messages';

type Outcome = 'editing' | 'done' | 'linkInvalid';

/** `linkValid`: whether the token has the shape of one we send (checked on the server). */
export function ResetCompleteForm({ token, linkValid }: { token: string; linkValid: boolean }) {
  const t = useTranslations('passwordReset.complete');
  const tPassword = useTranslations('account.password');
  const tErrors = useTranslations('errors');
  const { fieldErrors, formError, setFormError, showErrors } = useFormErrors(['newPassword']);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(linkValid ? 'editing' : 'linkInvalid');
  const form = useRef<HTMLFormElement>(null);

  /** Shows `message` at the password field, or for the whole form. */
  function refuse(message: string, field: boolean) {
    showErrors(form.current, field ? { newPassword: message } : {}, field ? null : message);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get('newPassword') ?? '');
    const { PasswordResetCompleteRequestSchema } = await loadContracts();
    const parsed = PasswordResetCompleteRequestSchema.safeParse({ token, newPassword });
    if (!parsed.success) return refuse(newPassword === '' ? tErrors('required') : tPassword('lengthInvalid'), true);

    setSubmitting(true);
    setFormError(null);
    const result = await callApi('/auth/password-reset/complete', null, { method: 'POST', body: parsed.data });
    setSubmitting(false);
    if (result.kind === 'ok') return setOutcome('done');
    if (result.kind === 'unreachable') return refuse(tErrors('apiUnavailable'), false);
    if (result.kind !== 'failed') return refuse(tErrors('unexpected'), false);
    if (result.error?.code === ErrorCode.InvalidResetToken || result.error?.fields?.token) return setOutcome('linkInvalid');
    if (result.error?.code === ErrorCode.RateLimited) return refuse(tErrors('rateLimited'), false);
    const message = result.error?.fields?.newPassword?.join(' ');
    if (message) return refuse(await newPasswordMessage(message, tPassword('common')), true);
    refuse(result.error?.message ?? tErrors('unexpected'), false);
  }

  if (outcome === 'done') {
    return (
      <div className="notice notice-success" role="status">
        <h2>{t('doneTitle')}</h2>
        <p>{t('doneBody')}</p>
        <p>
          <Link href="/login">{t('goToLogin')}</Link>
        </p>
      </div>
    );
  }

  if (outcome === 'linkInvalid') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('linkInvalid')}</p>
        <p>
          <Link href="/password-reset">{t('askAgain')}</Link>
        </p>
      </div>
    );
  }

  return (
    <form ref={form} noValidate onSubmit={submit} aria-busy={submitting}>
      <ErrorNotice message={formError} />
      <p>{t('intro')}</p>
      <PasswordField
        name="newPassword"
        label={tPassword('newPassword')}
        hint={tPassword('newPasswordHint')}
        error={fieldErrors.newPassword}
        autoComplete="new-password"
      />
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
