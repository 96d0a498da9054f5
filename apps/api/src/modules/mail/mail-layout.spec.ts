import { describe, expect, it } from 'vitest';
import { layoutMail } from './mail-layout';
import { passwordResetMail } from './templates/password-reset';

describe('layoutMail', () => {
  it('escapes every piece of text in the HTML part and keeps the text part plain', () => {
    const mail = layoutMail({
      locale: 'en',
      subject: 'A <b>subject</b>',
      intro: ['Fish & "chips" <script>alert(1)</script>'],
      link: { label: 'Open <it>', url: 'https://lapata.example/en/x?a=1&b="2"' },
      outro: ["It's done."],
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Fish &amp; &quot;chips&quot; &lt;script&gt;');
    expect(mail.html).toContain('href="https://lapata.example/en/x?a=1&amp;b=&quot;2&quot;"');
    expect(mail.html).toContain('<title>A &lt;b&gt;subject&lt;/b&gt;</title>');
    expect(mail.text).toBe('Fish & "chips" <script>alert(1)</script>\n\nhttps://lapata.example/en/x?a=1&b="2"\n\nIt\'s done.\n');
  });

  it('loads nothing from elsewhere: no images, no remote styles or scripts', () => {
    const { html } = passwordResetMail({ locale: 'en', link: 'https://lapata.example/en/password-reset/token' });
    expect(html).not.toMatch(/<img|<script|<link|src=|url\(/i);
  });
});

describe('passwordResetMail', () => {
  it('is written right to left in Urdu, with the link left to right', () => {
    const mail = passwordResetMail({ locale: 'ur', link: 'https://lapata.example/ur/password-reset/token' });
    expect(mail.html).toContain('<html lang="ur" dir="rtl">');
    expect(mail.html).toContain('<p dir="ltr"');
    expect(mail.text).toContain('https://lapata.example/ur/password-reset/token');
    expect(mail.text).toMatch(/[\u0600-\u06FF]/);
  });
});
