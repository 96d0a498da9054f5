'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useRouter } from '../../../../../i18n/navigation';
import { useFormErrors } from '../../../../../components/form-errors';
import type { Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { signInPath, type ApiError } from '../../../../../lib/api-error';
import { loadContracts, type Contracts } from '../../../../../lib/lazy-contracts';
import { apiFieldText } from '../../../cases/api-field-text';

interface Parsed<T> {
  success: boolean;
  data?: T;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}

/**
 * One way for the proceedings and hearings forms to send: check with the shared schema (the same
 * messages the API answers), post, show the API's field messages next to their fields, reload the
 * page's data when it worked. `F` are the form's field paths (`filed.from`, `nextLocalDateTime`).
 */
export function useApiForm<F extends string>(fields: readonly F[], texts: { errorSummary: string; stale: string }) {
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const { fieldErrors, formError, showErrors, clearErrors } = useFormErrors(fields);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const toFieldErrors = (entries: [string, readonly string[]][]) => {
    const errors: Partial<Record<F, string>> = {};
    for (const [path, messages] of entries) {
      const field = (fields.find((name) => name === path) ?? fields.find((name) => path.startsWith(`${name}.`))) as F | undefined;
      if (field) errors[field] ??= apiFieldText(messages);
    }
    return errors;
  };

  /**
   * Sends `input` if the shared schema that `schema` picks accepts it; answers the API's data, or
   * null after showing why not. `schema` and `response` pick from the contracts once loaded.
   */
  async function send<T>(
    form: HTMLFormElement,
    schema: (contracts: Contracts) => { safeParse(value: unknown): Parsed<unknown> },
    input: unknown,
    request: { path: string; method: 'POST' | 'PATCH'; response: (contracts: Contracts) => { parse(value: unknown): T } },
    // Extra handling for a 409 other than a stale version (an illegal transition): true when handled.
    onConflict?: (error: ApiError) => boolean,
  ): Promise<T | null> {
    setMessage(null);
    const contracts = await loadContracts();
    const parsed = schema(contracts).safeParse(input);
    if (!parsed.success) {
      const entries = (parsed.error?.issues ?? []).map((issue) => [issue.path.map(String).join('.'), [issue.message]] as [string, string[]]);
      showErrors(form, toFieldErrors(entries), texts.errorSummary);
      return null;
    }
    clearErrors();
    setSubmitting(true);
    const outcome = await callApi(request.path, request.response(contracts), { method: request.method, body: parsed.data });
    setSubmitting(false);
    if (outcome.kind === 'ok') {
      router.refresh();
      return outcome.data;
    }
    if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
    else if (outcome.kind === 'failed' && outcome.status === 409) {
      if (!(outcome.error && onConflict?.(outcome.error))) showErrors(form, {}, texts.stale);
      router.refresh();
    } else if (outcome.kind === 'failed' && outcome.error?.fields) {
      showErrors(form, toFieldErrors(Object.entries(outcome.error.fields)), texts.errorSummary);
    } else showErrors(form, {}, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
    return null;
  }

  return { fieldErrors, formError, showErrors, submitting, message, setMessage, send };
}

/** A form's text input: empty means "not known" (the schemas turn '' into null). */
export const text = (data: FormData, name: string) => String(data.get(name) ?? '');
