'use client';

import type { PfifImportResponse, PfifRecordError } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Link, useRouter } from '../../../../i18n/navigation';
import { useFormErrors } from '../../../../components/form-errors';
import { TextField } from '../../../../components/form-field';
import { ErrorNotice } from '../../../../components/message-box';
import { apiUnavailableCode, readApiError, signInPath } from '../../../../lib/api-error';
import { loadContracts } from '../../../../lib/lazy-contracts';
import { apiFieldText } from '../api-field-text';

type Outcome =
  | { kind: 'form' }
  | { kind: 'refused' }
  | { kind: 'imported'; cases: PfifImportResponse['cases'] };

/**
 * Uploads a PFIF file as the request body (application/xml) through this origin's /api proxy. The
 * API imports all of the file or none of it; a refusal lists each failing record's messages.
 */
export function PfifImportForm() {
  const t = useTranslations('pfifImport');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, showErrors, clearErrors } = useFormErrors(['file']);
  const [records, setRecords] = useState<PfifRecordError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'form' });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get('file');
    setRecords([]);
    if (!(file instanceof File) || file.size === 0) {
      showErrors(form, { file: t('chooseFile') }, t('errorSummary'));
      return;
    }
    const { PFIF_IMPORT_MAX_BYTES, PfifImportResponseSchema } = await loadContracts();
    if (file.size > PFIF_IMPORT_MAX_BYTES) {
      showErrors(form, { file: t('tooLarge') }, t('errorSummary'));
      return;
    }
    setSubmitting(true);
    clearErrors();
    let response: Response;
    try {
      response = await fetch('/api/cases/import/pfif', {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/json', 'content-type': 'application/xml' },
        body: file,
      });
    } catch {
      setSubmitting(false);
      showErrors(form, {}, tErrors('apiUnavailable'));
      return;
    }
    setSubmitting(false);
    if (response.ok) {
      setOutcome({ kind: 'imported', cases: PfifImportResponseSchema.parse(await response.json()).cases });
      return;
    }
    const error = await readApiError(response);
    if (error?.code === apiUnavailableCode) showErrors(form, {}, tErrors('apiUnavailable'));
    else if (response.status === 401) router.replace(signInPath(error));
    else if (response.status === 404) setOutcome({ kind: 'refused' });
    else if (error?.records) {
      setRecords(error.records);
      showErrors(form, {}, t('errorSummary'));
    } else if (error?.fields?.file) showErrors(form, { file: apiFieldText(error.fields.file) }, t('errorSummary'));
    else showErrors(form, {}, tErrors('unexpected'));
  }

  if (outcome.kind === 'refused') {
    return (
      <div className="notice" role="alert">
        <p>{t('notAllowed')}</p>
      </div>
    );
  }

  if (outcome.kind === 'imported') {
    return (
      <div className="notice notice-success" role="status">
        <p>{t('done', { count: outcome.cases.length })}</p>
        <ul>
          {outcome.cases.map((created) => (
            <li key={created.caseId}>
              <Link href={`/cases/${created.caseId}`}>{t('openCase', { reference: created.reference })}</Link>
              {created.duplicates.matches.length > 0 ? (
                <>
                  {' '}
                  {t('possibleDuplicates')}{' '}
                  {created.duplicates.matches.map((match, index) => (
                    <span key={match.caseId}>
                      {index > 0 ? ', ' : null}
                      <Link href={`/cases/${match.caseId}`}>
                        <bdi dir="ltr">{match.reference}</bdi>
                      </Link>
                    </span>
                  ))}
                </>
              ) : null}
              {created.duplicates.hiddenMatches ? <> {t('hiddenDuplicates')}</> : null}
            </li>
          ))}
        </ul>
        <button type="button" className="secondary" onClick={() => setOutcome({ kind: 'form' })}>
          {t('importAnother')}
        </button>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      <ErrorNotice message={formError}>
        {records.length > 0 ? (
          <>
            <p>{t('recordErrors')}</p>
            <ul>
              {records.map((record) => (
                <li key={record.index}>
                  {record.personRecordId
                    ? t('recordWithId', { number: record.index + 1, id: `\u2066${record.personRecordId}\u2069` })
                    : t('record', { number: record.index + 1 })}
                  <ul>
                    {Object.entries(record.errors).map(([field, messages]) => (
                      <li key={field}>
                        <bdi dir="ltr">{field}</bdi>: {apiFieldText(messages)}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </ErrorNotice>
      <TextField name="file" label={t('file')} hint={t('fileHint')} error={fieldErrors.file} type="file" accept=".xml,application/xml,text/xml" />
      <button type="submit" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
