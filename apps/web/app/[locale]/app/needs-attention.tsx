import { NeedsAttentionResponseSchema, type CalendarHearing } from '@lapata/contracts';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Link } from '../../../i18n/navigation';
import { readFromApi } from '../../../lib/server-api';
import { hearingTimeFormat } from '../cases/[caseId]/proceedings/hearing-time';

/**
 * On the dashboard: hearings in the next two weeks, past hearings nobody recorded, and running
 * proceedings with no next date — over the user's own cases. Renders nothing if the API cannot say.
 */
export async function NeedsAttention() {
  const attention = await readFromApi('/me/needs-attention', NeedsAttentionResponseSchema);
  if (attention.kind !== 'ok') return null;
  const t = await getTranslations('hearings');
  const tp = await getTranslations('proceedings');
  const format = await getFormatter();
  const { upcoming, outcomeMissing, withoutNextDate } = attention.data;

  const hearingItem = (hearing: CalendarHearing) => (
    <li key={hearing.id} className="card">
      <Link href={`/cases/${hearing.caseId}/proceedings/${hearing.proceedingId}`}>
        <time dateTime={hearing.scheduledAt}>{format.dateTime(new Date(hearing.scheduledAt), hearingTimeFormat(hearing.timeZone))}</time>
      </Link>
      <p>
        <bdi dir="ltr">{hearing.caseReference}</bdi> — {tp(`types.${hearing.proceedingType}`)}, <bdi>{hearing.forumName}</bdi>
      </p>
    </li>
  );

  return (
    <section className="page-section" aria-labelledby="needs-attention-title">
      <h2 id="needs-attention-title">{t('attention.title')}</h2>
      <h3>{t('attention.upcoming')}</h3>
      {upcoming.length === 0 ? <p>{t('attention.none')}</p> : <ul className="cards">{upcoming.map(hearingItem)}</ul>}
      <h3>{t('attention.outcomeMissing')}</h3>
      {outcomeMissing.length === 0 ? <p>{t('attention.none')}</p> : <ul className="cards">{outcomeMissing.map(hearingItem)}</ul>}
      <h3>{t('attention.withoutNextDate')}</h3>
      {withoutNextDate.length === 0 ? (
        <p>{t('attention.none')}</p>
      ) : (
        <ul className="cards">
          {withoutNextDate.map((proceeding) => (
            <li key={proceeding.id} className="card">
              <Link href={`/cases/${proceeding.caseId}/proceedings/${proceeding.id}`}>
                <bdi dir="ltr">{proceeding.caseReference}</bdi> — {tp(`types.${proceeding.type}`)}
              </Link>
              <p>
                <bdi>{proceeding.forumName}</bdi>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/hearings">{t('attention.calendar')}</Link>
      </p>
    </section>
  );
}
