'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useRouter } from '../../../../i18n/navigation';
import { useFormErrors } from '../../../../components/form-errors';
import { FormField, TextField } from '../../../../components/form-field';
import { ErrorNotice, MessageBox, type Message } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { signInPath } from '../../../../lib/api-error';
import { apiFieldText } from '../api-field-text';
import styles from '../case-list.module.css';
import { splitTags } from '../new/split-tags';

const FIELDS = ['tags', 'assignedCaseworkerId'] as const;
type Field = (typeof FIELDS)[number];

/** Tags and the assigned caseworker (needs MANAGE on the case). */
export function CaseEditForm({
  caseId,
  version,
  tags,
  assignedCaseworkerId,
  caseworkers,
}: {
  caseId: string;
  version: number;
  tags: string[];
  assignedCaseworkerId: string | null;
  caseworkers: { id: string; displayName: string }[] | null;
}) {
  const t = useTranslations('caseEdit');
  const tStatus = useTranslations('caseStatus');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, showErrors, clearErrors } = useFormErrors(FIELDS);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setMessage(null);
    const assignee = caseworkers ? String(data.get('assignedCaseworkerId') ?? '') : undefined;
    const { UpdateCaseRequestSchema } = await loadContracts();
    const parsed = UpdateCaseRequestSchema.safeParse({
      tags: splitTags(String(data.get('tags') ?? '')),
      ...(assignee === undefined ? {} : { assignedCaseworkerId: assignee === '' ? null : assignee }),
      version,
    });
    if (!parsed.success) {
      showErrors(form, { tags: t('tagsInvalid') }, t('errorSummary'));
      return;
    }
    clearErrors();
    setSubmitting(true);
    const outcome = await callApi(`/cases/${caseId}`, lazySchema((contracts) => contracts.CaseResponseSchema), { method: 'PATCH', body: parsed.data });
    setSubmitting(false);
    if (outcome.kind === 'ok') {
      setMessage({ tone: 'success', text: t('saved') });
      router.refresh();
    } else if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
    else if (outcome.kind === 'failed' && outcome.status === 409) {
      showErrors(form, {}, tStatus('stale'));
      router.refresh();
    } else if (outcome.kind === 'failed' && outcome.error?.fields) {
      const errors: Partial<Record<Field, string>> = {};
      for (const [path, messages] of Object.entries(outcome.error.fields)) {
        const field = path.split('.')[0] as Field;
        errors[field] = apiFieldText(messages);
      }
      showErrors(form, errors, t('errorSummary'));
    } else showErrors(form, {}, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
  }

  return (
    <section className="page-section" aria-labelledby="case-edit-title">
      <h2 id="case-edit-title">{t('title')}</h2>
      {message ? <MessageBox message={message} /> : null}
      {/* A new version resets the fields to what was saved; the form's message outlives it. */}
      <form key={version} noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting} className={styles.filters}>
        <ErrorNotice message={formError} />
        <TextField
          name="tags"
          label={t('tags')}
          hint={t('tagsHint')}
          error={fieldErrors.tags}
          type="text"
          dir="auto"
          autoComplete="off"
          defaultValue={tags.join(', ')}
        />
        {caseworkers ? (
          <FormField name="assignedCaseworkerId" label={t('caseworker')} error={fieldErrors.assignedCaseworkerId}>
            {(control) => (
              <select {...control} defaultValue={assignedCaseworkerId ?? ''}>
                <option value="">{t('nobody')}</option>
                {caseworkers.map((caseworker) => (
                  <option key={caseworker.id} value={caseworker.id}>
                    {caseworker.displayName}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        <div className={styles.actions}>
          <button type="submit" disabled={submitting}>
            {submitting ? t('submitting') : t('submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
