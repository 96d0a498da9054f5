import type { Locale } from '@lapata/contracts';
import { layoutMail, type MailContent } from '../mail-layout';

export interface HearingReminderInput {
  locale: Locale;
  caseReference: string;
  forumName: string;
  scheduledAt: Date;
  /** The forum's time zone (IANA), in which the time is written. */
  timeZone: string;
  /** The hearing's page; it needs a sign-in and carries opaque ids only. */
  link: string;
}

const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', ur: 'ur-PK' };

/** The moment of a hearing as people at the forum read it, with the zone named. */
export function formatHearingTime(scheduledAt: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(scheduledAt) + ` (${timeZone})`;
}

/**
 * A hearing reminder. It names the case by its reference, the forum and the time only: no names
 * of people, nothing of the case's content (a mailbox is often shared). The details are behind the
 * link, after sign-in.
 */
export function hearingReminderMail(input: HearingReminderInput): MailContent {
  const when = formatHearingTime(input.scheduledAt, input.timeZone, input.locale);
  if (input.locale === 'ur') {
    return layoutMail({
      locale: 'ur',
      subject: `لاپتا: کیس ${input.caseReference} کی سماعت کی یاد دہانی`,
      intro: [
        `کیس ${input.caseReference} کی سماعت ${input.forumName} میں مقرر ہے۔`,
        `وقت: ${when}`,
        'تفصیلات دیکھنے کے لیے سائن اِن کر کے یہ لنک کھولیں:',
      ],
      link: { label: 'سماعت دیکھیں', url: input.link },
      outro: ['یہ یاد دہانیاں آپ اپنے اکاؤنٹ کے صفحے پر بدل یا بند کر سکتے ہیں۔'],
    });
  }
  return layoutMail({
    locale: 'en',
    subject: `Lapata: hearing reminder for case ${input.caseReference}`,
    intro: [
      `A hearing in case ${input.caseReference} is listed before ${input.forumName}.`,
      `When: ${when}`,
      'Sign in and open this link for the details:',
    ],
    link: { label: 'Open the hearing', url: input.link },
    outro: ['You can change or turn off these reminders on your account page.'],
  });
}
