'use client';

import type { HearingWarning } from '@lapata/contracts';
import { useTranslations } from 'next-intl';

/** Counsel-overlap warnings after a hearing was saved: named only where the user may see the other case. */
export function HearingWarnings({ warnings }: { warnings: HearingWarning[] }) {
  const t = useTranslations('hearings.warnings');
  if (warnings.length === 0) return null;
  return (
    <div className="notice" role="status">
      <ul>
        {warnings.map((warning, index) => (
          <li key={warning.hearingId ?? index}>
            {warning.caseReference ? t('overlap', { reference: warning.caseReference }) : t('overlapHidden')}
          </li>
        ))}
      </ul>
    </div>
  );
}
