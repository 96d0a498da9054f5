'use client';

import { ErrorCode, type Member, type MemberListResponse, type Role } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { MessageBox, type Message } from '../../../../components/message-box';
import { callApi, type ApiOutcome } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { AccessNotice } from '../access-notice';
import styles from '../organization.module.css';

type PageState = 'loading' | 'ready' | 'signedOut' | 'notFound' | 'error';

const fetchMembers = () => callApi('/organizations/current/members', lazySchema((contracts) => contracts.MemberListResponseSchema));
const memberResponse = lazySchema((contracts) => contracts.MemberSchema);

/** `roles`: every role, in order (RoleSchema.options). */
export function MemberList({ roles }: { roles: readonly Role[] }) {
  const t = useTranslations('organization.members');
  const tRoles = useTranslations('organization.roles');
  const tAccess = useTranslations('organization.access');
  const tErrors = useTranslations('errors');
  const [state, setState] = useState<PageState>('loading');
  const [members, setMembers] = useState<Member[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const messageArea = useRef<HTMLDivElement>(null);
  // Bumped after every action so that role selects show the stored role again, even after a refusal.
  const [revision, setRevision] = useState(0);

  /** Shows a fetched member list (or why there is none); returns what the page now shows. */
  const show = useCallback((outcome: ApiOutcome<MemberListResponse>): PageState => {
    const next: PageState =
      outcome.kind === 'ok' ? 'ready' : outcome.kind === 'unreachable' || outcome.kind === 'failed' ? 'error' : outcome.kind;
    if (outcome.kind === 'ok') setMembers(outcome.data.members);
    setState(next);
    return next;
  }, []);

  useEffect(() => {
    let current = true;
    void fetchMembers().then((outcome) => {
      if (current) show(outcome);
    });
    return () => {
      current = false;
    };
  }, [show]);

  const load = async () => show(await fetchMembers());

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (message) messageArea.current?.scrollIntoView({ block: 'nearest' });
  }, [message]);

  /** Shows what an action came to, then reloads: the actor may have signed themselves out. */
  async function settle(outcome: ApiOutcome<Member>, success: (member: Member) => string) {
    setBusy(null);
    setConfirming(null);
    setRevision((current) => current + 1);
    if (outcome.kind === 'ok') {
      setMessage({ tone: 'success', text: success(outcome.data) });
      if ((await load()) === 'signedOut') setMessage({ tone: 'error', text: t('youWereSignedOut') });
    } else if (outcome.kind === 'signedOut') {
      setState('signedOut');
    } else if (outcome.kind === 'notFound') {
      await load();
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.LastOrganizationAdmin) {
      setMessage({ tone: 'error', text: t('lastAdmin') });
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.RateLimited) {
      setMessage({ tone: 'error', text: tErrors('rateLimited') });
    } else {
      setMessage({ tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    }
  }

  async function changeRole(event: FormEvent<HTMLFormElement>, member: Member) {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget).get('role');
    const { RoleSchema } = await loadContracts();
    const role = RoleSchema.safeParse(chosen);
    if (!role.success || role.data === member.role) return;
    setBusy(member.userId);
    setMessage(null);
    const outcome = await callApi(`/organizations/current/members/${member.userId}`, memberResponse, {
      method: 'PATCH',
      body: { role: role.data },
    });
    await settle(outcome, (changed) => t('roleChanged', { name: changed.displayName, role: tRoles(changed.role) }));
  }

  async function setDisabled(member: Member, disabled: boolean) {
    setBusy(member.userId);
    setMessage(null);
    const action = disabled ? 'disable' : 'enable';
    const outcome = await callApi(`/organizations/current/members/${member.userId}/${action}`, memberResponse, { method: 'POST' });
    await settle(outcome, (changed) => t(disabled ? 'memberDisabled' : 'memberEnabled', { name: changed.displayName }));
  }

  if (state === 'loading') return <p role="status">{tAccess('loading')}</p>;
  if (state === 'signedOut' || state === 'notFound') {
    return (
      <>
        {message ? <MessageBox message={message} /> : null}
        <AccessNotice kind={state} />
      </>
    );
  }
  if (state === 'error') return <MessageBox message={{ tone: 'error', text: tErrors('unexpected') }} />;

  return (
    <>
      <div ref={messageArea}>{message ? <MessageBox message={message} /> : null}</div>
      <ul className="cards" aria-label={t('listLabel')}>
        {members.map((member) => (
          <li key={member.userId} className="card">
            <h2 dir="auto">{member.displayName}</h2>
            <dl className="facts">
              <dt>{t('email')}</dt>
              <dd dir="ltr">{member.email}</dd>
              <dt>{t('mfa')}</dt>
              <dd>{member.mfaEnabled ? t('mfaOn') : t('mfaOff')}</dd>
              <dt>{t('status')}</dt>
              <dd className={member.disabled ? styles.badge : undefined}>{member.disabled ? t('disabled') : t('active')}</dd>
            </dl>
            <form className={styles.roleForm} onSubmit={(event) => void changeRole(event, member)}>
              <label>
                {t('roleFor', { name: member.displayName })}
                <select key={`${member.role}-${revision}`} name="role" defaultValue={member.role}>
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {tRoles(role)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={busy === member.userId}>
                {busy === member.userId ? t('saving') : t('changeRole')}
              </button>
            </form>
            {confirming === member.userId ? (
              <div className="notice" role="group" aria-label={t('disable')}>
                <p>{t('confirmDisable', { name: member.displayName })}</p>
                <div className={styles.actions}>
                  <button
                    ref={confirmButton}
                    type="button"
                    className="danger"
                    disabled={busy === member.userId}
                    onClick={() => void setDisabled(member, true)}
                  >
                    {t('confirm')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                    {t('cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <div className={styles.actions}>
                {member.disabled ? (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy === member.userId}
                    onClick={() => void setDisabled(member, false)}
                  >
                    {t('enable')}
                  </button>
                ) : (
                  <button type="button" className="secondary" onClick={() => setConfirming(member.userId)}>
                    {t('disable')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
