'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useRouter } from '../../../../../i18n/navigation';
import type { ApiOutcome } from '../../../../../lib/api-client';
import { signInPath } from '../../../../../lib/api-error';
import { apiFieldText } from '../../api-field-text';

/** Field messages keyed by the API's field path (`lastSeen.from`, `witnesses.0.name`), which is also the input's name. */
export type PathErrors = Record<string, string>;

/**
 * What the case-record forms (disappearance, relatives, diary) share: sending, the API's field
 * messages shown beside their inputs, focus moved to the first one, and the answers for a lost
 * session, a record no longer reachable and a record changed by someone else.
 */
export function useRecordForm(texts: { errorSummary: string; stale: string; gone: string }) {
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [errors, setErrors] = useState<PathErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function send<T>(form: HTMLFormElement | null, call: () => Promise<ApiOutcome<T>>): Promise<T | null> {
    setSending(true);
    setFormError(null);
    setErrors({});
    const outcome = await call();
    setSending(false);
    if (outcome.kind === 'ok') return outcome.data;
    if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else if (outcome.kind === 'notFound') {
      setFormError(texts.gone);
    } else if (outcome.kind === 'failed' && outcome.status === 409) {
      setFormError(texts.stale);
    } else if (outcome.kind === 'failed' && outcome.error?.fields) {
      const found: PathErrors = {};
      for (const [path, messages] of Object.entries(outcome.error.fields)) found[path] = apiFieldText(messages);
      setErrors(found);
      setFormError(texts.errorSummary);
      focusFirst(form, found);
    } else {
      setFormError(outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    }
    return null;
  }

  return { errors, formError, sending, send, refresh: () => router.refresh() };
}

/** The first input on the page (in its order) whose name has a message. */
function focusFirst(form: HTMLFormElement | null, errors: PathErrors) {
  if (!form) return;
  for (const element of Array.from(form.querySelectorAll<HTMLElement & { name?: string }>('[name]'))) {
    if (element.name && errors[element.name]) {
      element.focus();
      return;
    }
  }
}

/** A form's text field: trimmed, and null when left empty. */
export function optionalText(form: FormData, name: string): string | null {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : value;
}
