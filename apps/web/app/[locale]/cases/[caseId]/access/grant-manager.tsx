'use client';

import type { GrantLevel, GrantResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { useRouter } from '../../../../../i18n/navigation';
import { focusFirstInvalid, type FieldErrors } from '../../../../../components/form-errors';
import { EmailField, TextField } from '../../../../../components/form-field';
import { MessageBox, type Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../../lib/lazy-contracts';
import { signInPath } from '../../../../../lib/api-error';
import { apiFieldText } from '../../api-field-text';
import { endOfDay } from '../../case-dates';
import styles from '../../cases.module.css';

/** A grant as the page shows it: its times already formatted on the server. */
export interface GrantView {
  id: string;
  userName: string;
  level: GrantLevel;
  kind: GrantResponse['kind'];
  expires: { iso: string; text: string } | null;
  granted: { iso: string; text: string };
}

type GrantField = 'email' | 'level' | 'expiresAt';

/** `levels`: every grant level, in order (GrantLevelSchema.options). */
export function GrantManager({ caseId, grants, levels }: { caseId: string; grants: GrantView[]; levels: readonly GrantLevel[] }) {
  const t = useTranslations('caseAccess');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  // Each outcome is shown where the person acted: revoking in the list, granting at the form.
  const [listMessage, setListMessage] = useState<Message | null>(null);
  const [formMessage, setFormMessage] = useState<Message | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<GrantField>>({});
  const [granting, setGranting] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // The grant whose "Revoke" button gets focus back when its confirmation is cancelled.
  const returnFocusTo = useRef<string | null>(null);

  // The safer choice takes focus when a confirmation opens, so a second press of Enter does not revoke.
  useEffect(() => {
    if (confirming) {
      cancelButton.current?.focus();
    } else if (returnFocusTo.current) {
      document.getElementById(`revoke-${returnFocusTo.current}`)?.focus();
      returnFocusTo.current = null;
    }
  }, [confirming]);

  const failure = (kind: 'unreachable' | 'failed'): Message => ({
    tone: 'error',
    text: kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'),
  });

  async function grant(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '');
    const day = String(data.get('expiresOn') ?? '').trim();
    const expiresAt = day ? endOfDay(day) : null;

    // The schema the API validates with; the messages come from our catalogue so they are localised.
    const { CreateGrantRequestSchema } = await loadContracts();
    const parsed = CreateGrantRequestSchema.safeParse({ email, level: data.get('level'), expiresAt });
    const errors: FieldErrors<GrantField> = {};
    if (day && !expiresAt) errors.expiresAt = t('form.expiryInvalid');
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'email') errors.email = email.trim() ? t('form.emailInvalid') : tErrors('required');
        if (field === 'level') errors.level = t('form.levelRequired');
        if (field === 'expiresAt') errors.expiresAt = t('form.expiryPast');
      }
    }
    if (!parsed.success || errors.expiresAt) {
      showFormErrors(form, errors, t('form.errorSummary'));
      return;
    }

    setGranting(true);
    setFormMessage(null);
    setListMessage(null);
    setFieldErrors({});
    const outcome = await callApi(`/cases/${caseId}/grants`, lazySchema((contracts) => contracts.GrantResponseSchema), {
      method: 'POST',
      body: parsed.data,
    });
    setGranting(false);
    if (outcome.kind === 'ok') {
      form.reset();
      setFormMessage({
        tone: 'success',
        text: t('form.granted', { name: outcome.data.userName, level: t(`levels.${outcome.data.level}.label`) }),
      });
      startRefresh(() => router.refresh());
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else if (outcome.kind === 'failed' && outcome.error?.fields) {
      // The API's own field messages (an address with no account, a level above the granter's).
      const apiErrors: FieldErrors<GrantField> = {};
      for (const [path, messages] of Object.entries(outcome.error.fields)) {
        const field = path.split('.')[0];
        if (field === 'email' || field === 'level' || field === 'expiresAt') apiErrors[field] = apiFieldText(messages);
      }
      showFormErrors(form, apiErrors, t('form.errorSummary'));
    } else if (outcome.kind === 'notFound') {
      // The viewer no longer manages this case: the page, read again, says so.
      startRefresh(() => router.refresh());
    } else {
      setFormMessage(failure(outcome.kind));
    }
  }

  function showFormErrors(form: HTMLFormElement, errors: FieldErrors<GrantField>, summary: string) {
    setFieldErrors(errors);
    setFormMessage({ tone: 'error', text: summary });
    // The expiry is typed as a day; the API's field is the moment that day ends.
    focusFirstInvalid(form, ['email', 'level', 'expiresAt'], errors, (field) => (field === 'expiresAt' ? 'expiresOn' : field));
  }

  async function revoke(view: GrantView) {
    setRevoking(view.id);
    setListMessage(null);
    setFormMessage(null);
    const outcome = await callApi(`/cases/${caseId}/grants/${view.id}`, null, { method: 'DELETE' });
    setRevoking(null);
    returnFocusTo.current = null;
    setConfirming(null);
    if (outcome.kind === 'ok' || outcome.kind === 'notFound') {
      // Gone either way: revoked now, or it had ended or been revoked meanwhile.
      const text = t(outcome.kind === 'ok' ? 'revoked' : 'alreadyEnded', { name: view.userName });
      setListMessage({ tone: 'success', text });
      startRefresh(() => router.refresh());
      listHeading.current?.focus();
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else {
      setListMessage(failure(outcome.kind));
    }
  }

  return (
    <>
      <section className="page-section" aria-labelledby="grants-heading" aria-busy={refreshing}>
        <h2 id="grants-heading" ref={listHeading} tabIndex={-1}>
          {t('listTitle')}
        </h2>
        {listMessage ? <MessageBox message={listMessage} /> : null}
        {grants.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="cards">
            {grants.map((view) => (
              <li
                key={view.id}
                className={view.kind === 'BREAK_GLASS' ? `card ${styles.breakGlassCard}` : 'card'}
              >
                <h3>
                  <bdi>{view.userName}</bdi>
                </h3>
                {view.kind === 'BREAK_GLASS' && view.expires ? (
                  <p className={styles.emphasis}>{t('breakGlassUntil', { time: view.expires.text })}</p>
                ) : null}
                <dl className="facts">
                  <dt>{t('level')}</dt>
                  <dd>{t(`levels.${view.level}.label`)}</dd>
                  <dt>{t('kind')}</dt>
                  <dd>{t(`kinds.${view.kind}`)}</dd>
                  <dt>{t('expires')}</dt>
                  <dd>{view.expires ? <time dateTime={view.expires.iso}>{view.expires.text}</time> : t('noExpiry')}</dd>
                  <dt>{t('granted')}</dt>
                  <dd>
                    <time dateTime={view.granted.iso}>{view.granted.text}</time>
                  </dd>
                </dl>
                {confirming === view.id ? (
                  <div>
                    <p id={`confirm-${view.id}`} className={styles.confirm}>
                      {t('confirmRevoke', { name: view.userName })}
                    </p>
                    <div className={styles.actions}>
                      <button
                        type="button"
                        className="danger"
                        aria-describedby={`confirm-${view.id}`}
                        disabled={revoking === view.id}
                        onClick={() => void revoke(view)}
                      >
                        {revoking === view.id ? t('revoking') : t('confirm')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        ref={cancelButton}
                        disabled={revoking === view.id}
                        onClick={() => {
                          returnFocusTo.current = view.id;
                          setConfirming(null);
                        }}
                      >
                        {t('cancel')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button
                    type="button"
                    id={`revoke-${view.id}`}
                    className="secondary"
                    aria-label={t('revokeLabel', { name: view.userName })}
                    onClick={() => {
                      setListMessage(null);
                      setConfirming(view.id);
                    }}
                  >
                    {t('revoke')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="page-section" aria-labelledby="grant-form-heading">
        <h2 id="grant-form-heading">{t('form.title')}</h2>
        <p>{t('form.replaces')}</p>
        {formMessage ? <MessageBox message={formMessage} /> : null}
        <form noValidate onSubmit={(event) => void grant(event)} aria-busy={granting}>
          <EmailField
            name="email"
            label={t('form.email')}
            hint={t('form.emailHint')}
            error={fieldErrors.email}
            autoComplete="off"
          />
          <fieldset aria-describedby={fieldErrors.level ? 'field-level-error' : undefined}>
            <legend>{t('form.level')}</legend>
            {fieldErrors.level ? (
              <p id="field-level-error" className="field-error">
                {fieldErrors.level}
              </p>
            ) : null}
            {levels.map((level) => (
              <div key={level} className={styles.choice}>
                <input
                  type="radio"
                  id={`field-level-${level}`}
                  name="level"
                  value={level}
                  defaultChecked={level === 'VIEW'}
                  aria-describedby={`field-level-${level}-hint`}
                />
                <label htmlFor={`field-level-${level}`}>{t(`levels.${level}.label`)}</label>
                <span id={`field-level-${level}-hint`} className={styles.choiceHint}>
                  {t(`levels.${level}.description`)}
                </span>
              </div>
            ))}
          </fieldset>
          <TextField
            name="expiresOn"
            label={t('form.expiry')}
            hint={t('form.expiryHint')}
            error={fieldErrors.expiresAt}
            type="date"
            dir="ltr"
          />
          <button type="submit" disabled={granting}>
            {granting ? t('form.submitting') : t('form.submit')}
          </button>
        </form>
      </section>
    </>
  );
}
