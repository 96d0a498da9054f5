'use client';

import { ErrorCode, type InvitationAcceptRequest, type InvitationAcceptResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from '../../../../i18n/navigation';
import { useFormErrors, type FieldErrors } from '../../../../components/form-errors';
import { EmailField, PasswordField, TextField } from '../../../../components/form-field';
import { ErrorNotice } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { SIGNED_IN_HOME } from '../../mfa/signed-in-home';
import styles from './accept-invitation.module.css';

type Mode = 'create' | 'signIn';
type Field = 'displayName' | 'email' | 'password';
type Outcome = { kind: 'editing' } | { kind: 'joined'; mfa: InvitationAcceptResponse['mfa'] } | { kind: 'invalid' };

const fieldOrder: Field[] = ['displayName', 'email', 'password'];

export function AcceptInvitationForm({ token, organizationName }: { token: string; organizationName: string }) {
  const t = useTranslations('invitation');
  const tErrors = useTranslations('errors');
  const [mode, setMode] = useState<Mode>('create');
  const { fieldErrors, formError, setFormError, showErrors: showFormErrors, clearErrors } = useFormErrors(fieldOrder);
  const [formHint, setFormHint] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'editing' });
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome.kind !== 'editing') result.current?.focus();
  }, [outcome]);

  /** The form's errors, and a hint under the summary (how to find the account's password). */
  function showErrors(form: HTMLFormElement, errors: FieldErrors<Field>, message: string | null, hint: string | null = null) {
    setFormHint(hint);
    showFormErrors(form, errors, message);
  }

  /** The request, or the localised message of each field that is not valid. */
  async function readRequest(data: FormData): Promise<{ request: Omit<InvitationAcceptRequest, 'token'> } | { errors: FieldErrors<Field> }> {
    const { EmailSchema, NewPasswordSchema, PersonNameSchema } = await loadContracts();
    const typed = (field: Field) => String(data.get(field) ?? '');
    const errors: FieldErrors<Field> = {};
    const email = EmailSchema.safeParse(typed('email'));
    if (!email.success) errors.email = typed('email').trim() ? t('emailInvalid') : tErrors('required');
    const password = typed('password');
    if (mode === 'signIn') {
      if (!password) errors.password = tErrors('required');
      return email.success && password ? { request: { email: email.data, password } } : { errors };
    }
    const displayName = PersonNameSchema.safeParse(typed('displayName'));
    if (!displayName.success) errors.displayName = typed('displayName').trim() ? t('displayNameInvalid') : tErrors('required');
    if (!NewPasswordSchema.safeParse(password).success) errors.password = password ? t('newPasswordInvalid') : tErrors('required');
    if (!email.success || !displayName.success || errors.password) return { errors };
    return { request: { email: email.data, password, displayName: displayName.data } };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const read = await readRequest(new FormData(form));
    if ('errors' in read) {
      showErrors(form, read.errors, t('errorSummary'));
      return;
    }
    setSubmitting(true);
    setFormError(null);
    setFormHint(null);
    const answer = await callApi('/invitations/accept', lazySchema((contracts) => contracts.InvitationAcceptResponseSchema), {
      method: 'POST',
      body: { token, ...read.request },
    });
    setSubmitting(false);

    if (answer.kind === 'ok') {
      setOutcome({ kind: 'joined', mfa: answer.data.mfa });
      return;
    }
    if (answer.kind === 'unreachable') return showErrors(form, {}, tErrors('apiUnavailable'));
    if (answer.kind !== 'failed') return showErrors(form, {}, tErrors('unexpected'));
    const code = answer.error?.code;
    if (code === ErrorCode.InvitationInvalid) setOutcome({ kind: 'invalid' });
    else if (code === ErrorCode.InvitationEmailMismatch) showErrors(form, { email: t('emailMismatch') }, t('errorSummary'));
    else if (code === ErrorCode.InvalidCredentials) {
      showErrors(form, {}, t('invalidCredentials'), mode === 'signIn' ? t('invalidCredentialsHint') : null);
    } else if (code === ErrorCode.RateLimited) showErrors(form, {}, tErrors('rateLimited'));
    else if (answer.error?.fields) {
      const fields = answer.error.fields;
      const errors: FieldErrors<Field> = {};
      if (fields.email) errors.email = t('emailInvalid');
      if (fields.displayName) errors.displayName = t('displayNameInvalid');
      if (fields.password) errors.password = t('passwordRejected');
      showErrors(form, errors, t('errorSummary'));
    } else showErrors(form, {}, tErrors('unexpected'));
  }

  if (outcome.kind === 'invalid') {
    return (
      <div ref={result} tabIndex={-1} className="notice notice-error" role="alert">
        <h2>{t('invalidTitle')}</h2>
        <p>{t('invalidBody')}</p>
      </div>
    );
  }
  if (outcome.kind === 'joined') {
    const secondStep = outcome.mfa !== 'satisfied';
    const next = { satisfied: SIGNED_IN_HOME, challenge: '/mfa', enrolment: '/mfa/setup' }[outcome.mfa];
    return (
      <div ref={result} tabIndex={-1} className="notice notice-success" role="status">
        <h2>{t('joinedTitle')}</h2>
        <p>{t(secondStep ? 'secondStep' : 'joined', { organization: organizationName })}</p>
        <p>
          <Link href={next}>{secondStep ? t('secondStepContinue') : t('continue')}</Link>
        </p>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      <ErrorNotice message={formError}>{formHint ? <p>{formHint}</p> : null}</ErrorNotice>
      <fieldset>
        <legend>{t('accountQuestion')}</legend>
        {(['create', 'signIn'] as const).map((option) => (
          <div key={option} className={styles.choice}>
            <input
              id={`mode-${option}`}
              type="radio"
              name="mode"
              value={option}
              checked={mode === option}
              onChange={() => {
                setMode(option);
                clearErrors();
                setFormHint(null);
              }}
            />
            <label htmlFor={`mode-${option}`}>{option === 'create' ? t('accountNo') : t('accountYes')}</label>
          </div>
        ))}
      </fieldset>
      {mode === 'create' ? (
        <TextField
          name="displayName"
          label={t('displayName')}
          hint={t('displayNameHint')}
          error={fieldErrors.displayName}
          type="text"
          dir="auto"
          autoComplete="name"
          maxLength={200}
          required
        />
      ) : null}
      <EmailField
        name="email"
        label={t('email')}
        hint={t('emailHint')}
        error={fieldErrors.email}
        autoComplete={mode === 'create' ? 'email' : 'username'}
      />
      <PasswordField
        key={mode}
        name="password"
        label={t('password')}
        hint={mode === 'create' ? t('newPasswordHint') : undefined}
        error={fieldErrors.password}
        autoComplete={mode === 'create' ? 'new-password' : 'current-password'}
        minLength={mode === 'create' ? 12 : undefined}
        maxLength={256}
      />
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : mode === 'create' ? t('submitCreate') : t('submitSignIn')}
      </button>
    </form>
  );
}
