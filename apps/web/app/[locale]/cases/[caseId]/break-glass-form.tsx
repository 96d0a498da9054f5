'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useRouter } from '../../../../i18n/navigation';
import { useFormErrors } from '../../../../components/form-errors';
import { FormField } from '../../../../components/form-field';
import { ErrorNotice } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { signInPath } from '../../../../lib/api-error';
import { apiFieldText } from '../api-field-text';

export function BreakGlassForm({ caseId }: { caseId: string }) {
  const t = useTranslations('cases.breakGlass');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, setFormError, showErrors } = useFormErrors(['reason']);
  const [submitting, setSubmitting] = useState(false);
  const [refused, setRefused] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const typed = String(new FormData(form).get('reason') ?? '');
    const { BreakGlassRequestSchema } = await loadContracts();
    const parsed = BreakGlassRequestSchema.safeParse({ reason: typed });
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((issue) => issue.code === 'too_big');
      const fieldError = typed.trim() === '' ? tErrors('required') : tooLong ? t('reasonLong') : t('reasonShort');
      showErrors(form, { reason: fieldError }, t('errorSummary'));
      return;
    }
    setSubmitting(true);
    setFormError(null);
    const outcome = await callApi(`/cases/${caseId}/break-glass`, lazySchema((contracts) => contracts.GrantResponseSchema), {
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
      showErrors(form, { reason: apiFieldText(outcome.error.fields.reason) }, t('errorSummary'));
    } else {
      showErrors(form, {}, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  if (refused) {
    return (
      <div className="notice" role="alert">
        <p>{t('refused')}</p>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      <ErrorNotice message={formError} />
      <FormField name="reason" label={t('reason')} hint={t('reasonHint')} error={fieldErrors.reason}>
        {(control) => <textarea {...control} dir="auto" rows={4} maxLength={500} required />}
      </FormField>
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
