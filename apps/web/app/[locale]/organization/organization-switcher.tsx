'use client';

import type { AccountOrganization } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { usePathname } from '../../../i18n/navigation';
import { callApi } from '../../../lib/api-client';
import { lazySchema } from '../../../lib/lazy-contracts';
import styles from './organization.module.css';

/**
 * In the header, for people who belong to more than one organisation: choose the one to work in.
 * Shows nothing when signed out or with a single organisation. Switching replaces the session,
 * so the page is loaded again afterwards with the new cookie.
 */
export function OrganizationSwitcher() {
  const t = useTranslations('organization.switcher');
  const [organizations, setOrganizations] = useState<AccountOrganization[]>([]);
  const [switching, setSwitching] = useState(false);
  const pathname = usePathname();

  // Read again on every navigation, so it appears after signing in and goes after signing out.
  useEffect(() => {
    let current = true;
    void callApi('/account/organizations', lazySchema((contracts) => contracts.AccountOrganizationListResponseSchema)).then((outcome) => {
      if (current) setOrganizations(outcome.kind === 'ok' ? outcome.data.organizations : []);
    });
    return () => {
      current = false;
    };
  }, [pathname]);

  if (organizations.length < 2) return null;
  const active = organizations.find((organization) => organization.active);

  async function switchTo(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const organizationId = String(new FormData(event.currentTarget).get('organizationId') ?? '');
    if (!organizationId || organizationId === active?.organizationId) return;
    setSwitching(true);
    const outcome = await callApi('/account/organization', lazySchema((contracts) => contracts.OrganizationSwitchResponseSchema), {
      method: 'POST',
      body: { organizationId },
    });
    // Reloaded whatever the outcome: on success every page shows the new organisation; otherwise the
    // list is read again (the membership may have just ended).
    if (outcome.kind !== 'unreachable') window.location.reload();
    else setSwitching(false);
  }

  return (
    <form className={styles.switcher} onSubmit={(event) => void switchTo(event)} aria-busy={switching}>
      <label htmlFor="organization-switcher">{t('label')}</label>
      <select
        key={active?.organizationId}
        id="organization-switcher"
        name="organizationId"
        defaultValue={active?.organizationId}
       
        dir="auto"
      >
        {organizations.map((organization) => (
          <option key={organization.organizationId} value={organization.organizationId}>
            {organization.name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={switching}>
        {switching ? t('switching') : t('submit')}
      </button>
    </form>
  );
}
