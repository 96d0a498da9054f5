import type { Locale } from '@lapata/contracts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailBody {
  locale: Locale;
  subject: string;
  /** Plain sentences, before the link. */
  intro: string[];
  link: { label: string; url: string };
  /** Plain sentences, after the link. */
  outro: string[];
}

const DIRECTION: Record<Locale, 'ltr' | 'rtl'> = { en: 'ltr', ur: 'rtl' };

/**
 * A message as plain text and as simple HTML (no images, no remote content, no tracking, inline
 * styles only), right-to-left in Urdu. Every piece of text is escaped.
 */
export function layoutMail(body: MailBody): MailContent {
  const text = [...body.intro, '', body.link.url, '', ...body.outro, ''].join('\n');
  const paragraphs = (lines: string[]) => lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${body.locale}" dir="${DIRECTION[body.locale]}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(body.subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.6; max-width: 36rem; margin: 0 auto; padding: 1rem;">',
    paragraphs(body.intro),
    `<p><a href="${escapeHtml(body.link.url)}" style="display: inline-block; padding: 0.5rem 1rem; background: #0b4f8a; color: #ffffff; text-decoration: none; border-radius: 0.25rem;">${escapeHtml(body.link.label)}</a></p>`,
    `<p dir="ltr" style="word-break: break-all; font-size: 0.875rem;">${escapeHtml(body.link.url)}</p>`,
    paragraphs(body.outro),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject: body.subject, text, html };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
