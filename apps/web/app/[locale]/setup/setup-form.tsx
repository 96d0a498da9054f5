'use client';

import { ErrorCode } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useFormErrors, type FieldErrors } from '../../../components/form-errors';
import { EmailField, PasswordField, TextField } from '../../../components/form-field';
import { ErrorNotice } from '../../../components/message-box';
import { apiUnavailableCode, readApiError } from '../../../lib/api-error';
import { loadContracts } from '../../../lib/lazy-contracts';
import { SetupNotice } from './setup-notice';

const setupFields = ['token', 'organizationName', 'caseReferencePrefix', 'adminName', 'adminEmail', 'password'] as const;
type SetupField = (typeof setupFields)[number];
type SetupValues = Record<SetupField, string>;

function isSetupField(name: unknown): name is SetupField {
  return typeof name === 'string' && (setupFields as readonly string[]).includes(name);
}

function readValues(form: HTMLFormElement): SetupValues {
  const data = new FormData(form);
  const values = Object.fromEntries(setupFields.map((field) => [field, String(data.get(field) ?? '')])) as SetupValues;
  values.caseReferencePrefix = values.caseReferencePrefix.toUpperCase();
  return values;
}

export function SetupForm() {
  const t = useTranslations('setup');
  const tErrors = useTranslations('errors');
  const { fieldErrors, formError, setFormError, showErrors } = useFormErrors(setupFields);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<'editing' | 'created' | 'alreadyDone'>('editing');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = readValues(form);

    // The same schema the API validates with; messages come from our catalogue so they are localised.
    const { SetupRequestSchema } = await loadContracts();
    const parsed = SetupRequestSchema.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors<SetupField> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (isSetupField(field) && !errors[field]) {
          errors[field] = values[field].trim() === '' ? tErrors('required') : t(`fields.${field}.invalid`);
        }
      }
      showErrors(form, errors, t('errorSummary'));
      return;
    }

    setSubmitting(true);
    setFormError(null);
    let response: Response;
    try {
      response = await fetch('/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(parsed.data),
      });
    } catch {
      // fetch rejects only when no answer came at all: the network, not the API, failed.
      setSubmitting(false);
      setFormError(tErrors('apiUnavailable'));
      return;
    }
    setSubmitting(false);

    if (response.ok) {
      setOutcome('created');
      return;
    }
    const apiError = await readApiError(response);
    if (!apiError) {
      showErrors(form, {}, tErrors('unexpected'));
    } else if (response.status === 404 || apiError.code === ErrorCode.SetupUnavailable) {
      // Once setup is done the API's setup route no longer exists: it answers 404.
      setOutcome('alreadyDone');
    } else if (apiError.code === ErrorCode.InvalidSetupToken) {
      showErrors(form, { token: t('invalidToken') }, t('errorSummary'));
    } else if (apiError.code === apiUnavailableCode) {
      showErrors(form, {}, tErrors('apiUnavailable'));
    } else if (apiError.code === ErrorCode.RateLimited) {
      showErrors(form, {}, tErrors('rateLimited'));
    } else {
      const errors: FieldErrors<SetupField> = {};
      for (const [path, messages] of Object.entries(apiError.fields ?? {})) {
        const field = path.split('.')[0];
        if (isSetupField(field)) errors[field] = messages.join(' ');
      }
      showErrors(form, errors, apiError.message);
    }
  }

  if (outcome !== 'editing') return <SetupNotice kind={outcome} takeFocus />;

  const error = (field: SetupField) => fieldErrors[field];
  return (
    <form noValidate onSubmit={submit} aria-busy={submitting}>
      <ErrorNotice message={formError} />
      <TextField
        name="token"
        label={t('fields.token.label')}
        hint={t('fields.token.hint')}
        error={error('token')}
        type="text"
        dir="ltr"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <fieldset>
        <legend>{t('organisationLegend')}</legend>
        <TextField
          name="organizationName"
          label={t('fields.organizationName.label')}
          error={error('organizationName')}
          type="text"
          dir="auto"
          autoComplete="organization"
          maxLength={120}
          required
        />
        <TextField
          name="caseReferencePrefix"
          label={t('fields.caseReferencePrefix.label')}
          hint={t('fields.caseReferencePrefix.hint')}
          error={error('caseReferencePrefix')}
          type="text"
          dir="ltr"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={6}
          onChange={(event) => {
            event.currentTarget.value = event.currentTarget.value.toUpperCase();
          }}
          required
        />
      </fieldset>
      <fieldset>
        <legend>{t('adminLegend')}</legend>
        <TextField
          name="adminName"
          label={t('fields.adminName.label')}
          error={error('adminName')}
          type="text"
          dir="auto"
          autoComplete="name"
          maxLength={200}
          required
        />
        <EmailField
          name="adminEmail"
          label={t('fields.adminEmail.label')}
          error={error('adminEmail')}
          autoComplete="email"
        />
        <PasswordField
          name="password"
          label={t('fields.password.label')}
          hint={t('fields.password.hint')}
          error={error('password')}
          autoComplete="new-password"
          minLength={12}
          maxLength={256}
        />
      </fieldset>
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
