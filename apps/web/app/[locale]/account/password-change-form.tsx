'use client';

import { ErrorCode } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { useRouter } from '../../../i18n/navigation';
import { useFormErrors, type FieldErrors } from '../../../components/form-errors';
import { PasswordField } from '../../../components/form-field';
import { ErrorNotice } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { loadContracts } from '../../../lib/lazy-contracts';
import { newPasswordMessage } from './password-messages';

type Field = 'currentPassword' | 'newPassword';

/** Changing the password needs the current one; every other session ends. */
export function PasswordChangeForm() {
  const t = useTranslations('account.password');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, showErrors } = useFormErrors<Field>(['currentPassword', 'newPassword']);
  const [submitting, setSubmitting] = useState(false);
  const [changed, setChanged] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const refuse = (errors: FieldErrors<Field>, message: string | null) => showErrors(form.current, errors, message);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = { currentPassword: String(data.get('currentPassword') ?? ''), newPassword: String(data.get('newPassword') ?? '') };
    const { PasswordChangeRequestSchema } = await loadContracts();
    const parsed = PasswordChangeRequestSchema.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors<Field> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        errors[field] ??= values[field] === '' ? tErrors('required') : field === 'newPassword' ? t('lengthInvalid') : t('currentTooLong');
      }
      return refuse(errors, null);
    }

    setSubmitting(true);
    setChanged(false);
    const outcome = await callApi('/account/password', null, { method: 'POST', body: parsed.data });
    setSubmitting(false);
    if (outcome.kind === 'ok') {
      form.current?.reset();
      refuse({}, null);
      setChanged(true);
      // Other sessions ended: the list above is read again.
      router.refresh();
    } else if (outcome.kind === 'signedOut') {
      router.replace('/login');
    } else if (outcome.kind === 'unreachable') {
      refuse({}, tErrors('apiUnavailable'));
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.RateLimited) {
      refuse({}, tErrors('rateLimited'));
    } else if (outcome.kind === 'failed' && outcome.error?.fields) {
      const fields = outcome.error.fields;
      refuse(
        {
          currentPassword: fields.currentPassword ? t('currentWrong') : undefined,
          newPassword: fields.newPassword ? await newPasswordMessage(fields.newPassword.join(' '), t('common')) : undefined,
        },
        null,
      );
    } else {
      refuse({}, tErrors('unexpected'));
    }
  }

  return (
    <form ref={form} noValidate onSubmit={submit} aria-busy={submitting}>
      <div aria-live="polite">
        {changed ? (
          <div className="notice notice-success">
            <p>{t('changed')}</p>
          </div>
        ) : null}
      </div>
      <ErrorNotice message={formError} />
      <PasswordField
        name="currentPassword"
        label={t('currentPassword')}
        error={fieldErrors.currentPassword}
        autoComplete="current-password"
      />
      <PasswordField
        name="newPassword"
        label={t('newPassword')}
        hint={t('newPasswordHint')}
        error={fieldErrors.newPassword}
        autoComplete="new-password"
      />
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
