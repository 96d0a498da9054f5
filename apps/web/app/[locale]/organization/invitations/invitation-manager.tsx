'use client';

import { ErrorCode, type Invitation, type InvitationListResponse, type Locale, type Role } from '@lapata/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { EmailField, FormField } from '../../../../components/form-field';
import { MessageBox, type Message } from '../../../../components/message-box';
import { callApi, type ApiOutcome } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { AccessNotice } from '../access-notice';

type PageState = 'loading' | 'ready' | 'signedOut' | 'notFound' | 'error';

const fetchInvitations = () => callApi('/organizations/current/invitations', lazySchema((contracts) => contracts.InvitationListResponseSchema));

// Each language is named in itself, as in the language switch.
const languageNames = { en: 'English', ur: 'اردو' } as const;

/** `roles` and `locales`: every value, in order (RoleSchema.options, LocaleSchema.options). */
export function InvitationManager({ roles, locales }: { roles: readonly Role[]; locales: readonly Locale[] }) {
  const t = useTranslations('organization.invitations');
  const tRoles = useTranslations('organization.roles');
  const tAccess = useTranslations('organization.access');
  const tErrors = useTranslations('errors');
  const current = useLocale();
  const locale = locales.find((option) => option === current) ?? 'en';
  const [state, setState] = useState<PageState>('loading');
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  const [emailError, setEmailError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);
  const pendingHeading = useRef<HTMLHeadingElement>(null);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  const show = useCallback((outcome: ApiOutcome<InvitationListResponse>) => {
    if (outcome.kind === 'ok') setInvitations(outcome.data.invitations);
    setState(outcome.kind === 'ok' ? 'ready' : outcome.kind === 'unreachable' || outcome.kind === 'failed' ? 'error' : outcome.kind);
  }, []);

  useEffect(() => {
    let current = true;
    void fetchInvitations().then((outcome) => {
      if (current) show(outcome);
    });
    return () => {
      current = false;
    };
  }, [show]);

  const load = async () => show(await fetchInvitations());

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const typed = String(data.get('email') ?? '');
    // The schema the API validates with; the messages come from our catalogue so they are localised.
    const { InvitationCreateRequestSchema } = await loadContracts();
    const parsed = InvitationCreateRequestSchema.safeParse({ email: typed, role: data.get('role'), locale: data.get('locale') });
    if (!parsed.success) {
      setEmailError(typed.trim() ? t('emailInvalid') : tErrors('required'));
      setMessage({ tone: 'error', text: t('errorSummary') });
      form.querySelector<HTMLInputElement>('[name="email"]')?.focus();
      return;
    }
    setSending(true);
    setMessage(null);
    setEmailError(undefined);
    const outcome = await callApi('/organizations/current/invitations', lazySchema((contracts) => contracts.InvitationSchema), { method: 'POST', body: parsed.data });
    setSending(false);
    if (outcome.kind === 'ok') {
      form.reset();
      setMessage({ tone: 'success', text: t('sent', { email: outcome.data.email }) });
      setInvitations((current) => [outcome.data, ...current.filter((invitation) => invitation.email !== outcome.data.email)]);
    } else if (outcome.kind === 'signedOut' || outcome.kind === 'notFound') {
      setState(outcome.kind);
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.AlreadyMember) {
      setEmailError(t('alreadyMember'));
      setMessage({ tone: 'error', text: t('errorSummary') });
      form.querySelector<HTMLInputElement>('[name="email"]')?.focus();
    } else if (outcome.kind === 'failed' && outcome.error?.fields?.email) {
      setEmailError(t('emailInvalid'));
      setMessage({ tone: 'error', text: t('errorSummary') });
    } else {
      setMessage({ tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    }
  }

  async function revoke(invitation: Invitation) {
    setRevoking(invitation.id);
    setMessage(null);
    const outcome = await callApi(`/organizations/current/invitations/${invitation.id}`, null, { method: 'DELETE' });
    setRevoking(null);
    if (outcome.kind === 'ok' || outcome.kind === 'notFound') {
      // Gone either way (revoked now, or accepted or revoked meanwhile): show what is left.
      if (outcome.kind === 'ok') setMessage({ tone: 'success', text: t('revoked', { email: invitation.email }) });
      await load();
      pendingHeading.current?.focus();
    } else if (outcome.kind === 'signedOut') {
      setState('signedOut');
    } else {
      setMessage({ tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    }
  }

  if (state === 'loading') return <p role="status">{tAccess('loading')}</p>;
  if (state === 'signedOut' || state === 'notFound') return <AccessNotice kind={state} />;
  if (state === 'error') return <MessageBox message={{ tone: 'error', text: tErrors('unexpected') }} />;

  return (
    <>
      {message ? <MessageBox message={message} /> : null}
      <section className="page-section" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('formTitle')}</h2>
        <form noValidate onSubmit={(event) => void invite(event)} aria-busy={sending}>
          <EmailField
            name="email"
            label={t('email')}
            error={emailError}
            autoComplete="off"
          />
          <FormField name="role" label={t('role')}>
            {(control) => (
              <select {...control} defaultValue="CASEWORKER">
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {tRoles(role)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="locale" label={t('linkLanguage')} hint={t('linkLanguageHint')}>
            {(control) => (
              <select {...control} defaultValue={locale}>
                {locales.map((option) => (
                  <option key={option} value={option} lang={option}>
                    {languageNames[option]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" disabled={sending}>
            {sending ? t('submitting') : t('submit')}
          </button>
        </form>
      </section>
      <section className="page-section" aria-labelledby="pending-heading">
        <h2 id="pending-heading" ref={pendingHeading} tabIndex={-1}>
          {t('pendingTitle')}
        </h2>
        {invitations.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="cards">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="card">
                <h3 dir="ltr">{invitation.email}</h3>
                <dl className="facts">
                  <dt>{t('role')}</dt>
                  <dd>{tRoles(invitation.role)}</dd>
                  <dt>{t('expires')}</dt>
                  <dd>
                    <time dateTime={invitation.expiresAt}>{dateFormat.format(new Date(invitation.expiresAt))}</time>
                  </dd>
                  <dt>{t('invitedBy')}</dt>
                  <dd dir="auto">{invitation.invitedBy?.displayName ?? t('formerMember')}</dd>
                </dl>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('revokeLabel', { email: invitation.email })}
                  disabled={revoking === invitation.id}
                  onClick={() => void revoke(invitation)}
                >
                  {t('revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
