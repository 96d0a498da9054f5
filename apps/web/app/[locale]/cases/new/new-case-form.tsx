'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useRouter } from '../../../../i18n/navigation';
import { useFormErrors } from '../../../../components/form-errors';
import { TextField } from '../../../../components/form-field';
import { ErrorNotice } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { signInPath } from '../../../../lib/api-error';
import { apiFieldText } from '../api-field-text';
import { splitTags } from './split-tags';

export function NewCaseForm() {
  const t = useTranslations('cases.create');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, setFormError, showErrors } = useFormErrors(['tags']);
  const [submitting, setSubmitting] = useState(false);
  // The API says this person may not open cases here: the form goes, the reason stays.
  const [refused, setRefused] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // The schema the API validates with; the message comes from our catalogue so it is localised.
    const { CreateCaseRequestSchema } = await loadContracts();
    const parsed = CreateCaseRequestSchema.safeParse({ tags: splitTags(String(new FormData(form).get('tags') ?? '')) });
    if (!parsed.success) {
      showErrors(form, { tags: t('tagsInvalid') }, t('errorSummary'));
      return;
    }
    setSubmitting(true);
    setFormError(null);
    const outcome = await callApi('/cases', lazySchema((contracts) => contracts.CaseResponseSchema), { method: 'POST', body: parsed.data });
    if (outcome.kind === 'ok') {
      // Stays "submitting" while the case page loads, so the case is not opened twice.
      router.push(`/cases/${outcome.data.id}`);
      return;
    }
    setSubmitting(false);
    if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
    else if (outcome.kind === 'notFound') setRefused(true);
    else if (outcome.kind === 'failed' && outcome.error?.fields) {
      const apiMessages = Object.entries(outcome.error.fields)
        .filter(([path]) => path.split('.')[0] === 'tags')
        .flatMap(([, messages]) => messages);
      showErrors(form, { tags: apiMessages.length > 0 ? apiFieldText(apiMessages) : undefined }, t('errorSummary'));
    } else {
      showErrors(form, {}, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
  }

  if (refused) {
    return (
      <div className="notice" role="alert">
        <p>{t('notAllowed')}</p>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      <ErrorNotice message={formError} />
      <TextField
        name="tags"
        label={t('tags')}
        hint={t('tagsHint')}
        error={fieldErrors.tags}
        type="text"
        dir="auto"
        autoComplete="off"
      />
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
