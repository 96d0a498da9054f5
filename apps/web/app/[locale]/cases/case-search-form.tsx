'use client';

import type { CaseSummary } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useRouter } from '../../../i18n/navigation';
import { useFormErrors } from '../../../components/form-errors';
import { TextField } from '../../../components/form-field';
import { ErrorNotice } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../lib/lazy-contracts';
import { signInPath } from '../../../lib/api-error';
import { apiFieldText } from './api-field-text';
import { CaseCard } from './case-card';
import styles from './case-list.module.css';

type By = 'name' | 'nationalId';

/**
 * Exact search by name or ID number. The term goes in a POST body (never the address, the history
 * or a log line); without JavaScript the form posts to nothing rather than to a URL.
 */
export function CaseSearchForm() {
  const t = useTranslations('caseSearch');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [by, setBy] = useState<By>('name');
  const [results, setResults] = useState<CaseSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const { fieldErrors, formError, showErrors, clearErrors } = useFormErrors(['name', 'nationalId', 'nationalIdCountry']);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body =
      by === 'name'
        ? { by, name: String(data.get('name') ?? '') }
        : { by, nationalId: String(data.get('nationalId') ?? ''), nationalIdCountry: String(data.get('nationalIdCountry') ?? 'PK').toUpperCase() };
    const { CaseSearchRequestSchema } = await loadContracts();
    const parsed = CaseSearchRequestSchema.safeParse(body);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), apiFieldText([issue.message])]));
      showErrors(form, fields, t('invalid'));
      return;
    }
    clearErrors();
    setSearching(true);
    const outcome = await callApi('/cases/search', lazySchema((contracts) => contracts.CaseSearchResponseSchema), { method: 'POST', body: parsed.data });
    setSearching(false);
    if (outcome.kind === 'ok') setResults(outcome.data.items);
    else if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
    else if (outcome.kind === 'failed' && outcome.status === 429) showErrors(form, {}, t('rateLimited'));
    else if (outcome.kind === 'failed' && outcome.error?.fields) {
      const fields = Object.fromEntries(Object.entries(outcome.error.fields).map(([path, messages]) => [path, apiFieldText(messages)]));
      showErrors(form, fields, t('invalid'));
    } else showErrors(form, {}, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
  }

  return (
    <section className={styles.panel} aria-labelledby="case-search-title">
      <h2 id="case-search-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      <form method="post" noValidate onSubmit={(event) => void submit(event)} aria-busy={searching}>
        <ErrorNotice message={formError} />
        <div className="field">
          <label htmlFor="search-by">{t('by')}</label>
          <select id="search-by" name="by" value={by} onChange={(event) => setBy(event.target.value as By)}>
            <option value="name">{t('byName')}</option>
            <option value="nationalId">{t('byNationalId')}</option>
          </select>
        </div>
        {by === 'name' ? (
          <TextField name="name" label={t('name')} error={fieldErrors.name} type="search" dir="auto" autoComplete="off" spellCheck={false} />
        ) : (
          <>
            <TextField
              name="nationalIdCountry"
              label={t('country')}
              error={fieldErrors.nationalIdCountry}
              type="text"
              dir="ltr"
              defaultValue="PK"
              maxLength={2}
              autoComplete="off"
            />
            <TextField
              name="nationalId"
              label={t('nationalId')}
              hint={t('nationalIdHint')}
              error={fieldErrors.nationalId}
              type="search"
              dir="ltr"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
            />
          </>
        )}
        <button type="submit" disabled={searching}>
          {searching ? t('searching') : t('submit')}
        </button>
      </form>
      {results ? (
        <div role="status">
          <p>{results.length === 0 ? t('noResults') : t('count', { count: results.length })}</p>
          {results.length > 0 ? (
            <ul className="cards" aria-label={t('results')}>
              {results.map((summary) => (
                <CaseCard key={summary.id} summary={summary} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
