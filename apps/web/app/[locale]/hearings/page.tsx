import { CalendarResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Link } from '../../../i18n/navigation';
import { readFromApi } from '../../../lib/server-api';
import { dayAsDate, hearingTimeFormat } from '../cases/[caseId]/proceedings/hearing-time';
import { ServiceUnavailable } from '../service-unavailable';
import { byForumDay, calendarMonth } from './calendar-month';
import styles from './hearings.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('hearings.calendar');
  return { title: t('title') };
}

/** The signed-in user's hearings over their cases: a month grid and an agenda, in each forum's time zone. */
export default async function HearingCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const month = calendarMonth((await searchParams).month, new Date());
  const hearings = await readFromApi('/me/hearings', CalendarResponseSchema, `?from=${encodeURIComponent(month.from)}&to=${encodeURIComponent(month.to)}`);
  if (hearings.kind !== 'ok') return <ServiceUnavailable />;

  const t = await getTranslations('hearings');
  const tp = await getTranslations('proceedings');
  const format = await getFormatter();
  const byDay = byForumDay(month, hearings.data.items);
  const weekdays = Array.from({ length: 7 }, (_, index) => format.dateTime(new Date(Date.UTC(2024, 0, 1 + index, 12)), { weekday: 'short', timeZone: 'UTC' }));

  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <nav className={styles.monthNav} aria-label={t('calendar.title')}>
        <Link href={`/hearings?month=${month.previous}`}>{t('calendar.previous')}</Link>
        <h2>{format.dateTime(new Date(`${month.key}-15T12:00:00Z`), { month: 'long', year: 'numeric', timeZone: 'UTC' })}</h2>
        <Link href={`/hearings?month=${month.next}`}>{t('calendar.next')}</Link>
      </nav>
      <section aria-label={t('calendar.grid')}>
        <ol className={styles.grid}>
          {weekdays.map((weekday) => (
            <li key={weekday} className={styles.weekday} aria-hidden="true">
              {weekday}
            </li>
          ))}
          {Array.from({ length: month.lead }, (_, index) => (
            <li key={`lead-${index}`} className={`${styles.day} ${styles.outside}`} aria-hidden="true" />
          ))}
          {month.days.map((day) => {
            const count = byDay.get(day)?.length ?? 0;
            const label = format.dateTime(dayAsDate(day), { day: 'numeric', timeZone: 'UTC' });
            return (
              <li key={day} className={`${styles.day} ${count > 0 ? styles.busy : ''}`}>
                {count > 0 ? (
                  // The name starts with the visible day number (WCAG 2.5.3, label in name); the
                  // full date and the count follow for screen readers, the visible count is hidden from them.
                  <a href={`#day-${day}`}>
                    {label}
                    <span className={styles.count} aria-hidden="true">
                      {format.number(count)}
                    </span>
                    <span className={styles.visuallyHidden}>{`, ${format.dateTime(dayAsDate(day), { dateStyle: 'full', timeZone: 'UTC' })}: ${t('calendar.count', { count })}`}</span>
                  </a>
                ) : (
                  label
                )}
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('calendar.agenda')}</h2>
        {byDay.size === 0 ? (
          <p>{t('calendar.empty')}</p>
        ) : (
          <ol className={styles.agenda}>
            {[...byDay.entries()].map(([day, items]) => (
              <li key={day} id={`day-${day}`}>
                <h3>{format.dateTime(dayAsDate(day), { dateStyle: 'full', timeZone: 'UTC' })}</h3>
                <ul className="cards">
                  {items.map((hearing) => (
                    <li key={hearing.id} className="card">
                      <p>
                        <time dateTime={hearing.scheduledAt}>{format.dateTime(new Date(hearing.scheduledAt), hearingTimeFormat(hearing.timeZone))}</time>{' '}
                        <span className="hint">({hearing.timeZone})</span>
                      </p>
                      <p>
                        <bdi dir="ltr">{hearing.caseReference}</bdi> — {tp(`types.${hearing.proceedingType}`)}, <bdi>{hearing.forumName}</bdi>
                        {hearing.outcome ? <> — {t(`outcomes.${hearing.outcome}`)}</> : null}
                      </p>
                      <Link href={`/cases/${hearing.caseId}/proceedings/${hearing.proceedingId}`}>{t('calendar.open')}</Link>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
