import { PASSWORD_RESET_LIFETIME_MINUTES, type Locale } from '@lapata/contracts';
import { layoutMail, type MailContent } from '../mail-layout';

/**
 * The password reset mail. It names no one (a mailbox is often shared) and says nothing about
 * the account beyond what the link does.
 */
export function passwordResetMail(input: { locale: Locale; link: string }): MailContent {
  const minutes = PASSWORD_RESET_LIFETIME_MINUTES;
  if (input.locale === 'ur') {
    return layoutMail({
      locale: 'ur',
      subject: 'لاپتا: پاس ورڈ دوبارہ بنائیں',
      intro: ['کسی نے اس ای میل پتے والے لاپتا اکاؤنٹ کا پاس ورڈ دوبارہ بنانے کی درخواست کی ہے۔', 'نیا پاس ورڈ بنانے کے لیے یہ لنک کھولیں:'],
      link: { label: 'نیا پاس ورڈ بنائیں', url: input.link },
      outro: [
        `یہ لنک ایک ہی بار کام کرتا ہے اور ${minutes} منٹ بعد ختم ہو جائے گا۔ پاس ورڈ بدلنے پر آپ کے اکاؤنٹ کے تمام سیشن ختم ہو جائیں گے، اور آپ کو دوبارہ سائن اِن کرنا ہو گا (دو مرحلوں والے سائن اِن سمیت)۔`,
        'اگر یہ درخواست آپ نے نہیں کی تو یہ ای میل نظر انداز کر دیں: آپ کا پاس ورڈ نہیں بدلے گا۔',
      ],
    });
  }
  return layoutMail({
    locale: 'en',
    subject: 'Lapata: reset your password',
    intro: [
      'Someone asked to reset the password of the Lapata account that uses this email address.',
      'Open this link to choose a new password:',
    ],
    link: { label: 'Choose a new password', url: input.link },
    outro: [
      `The link works once and expires in ${minutes} minutes. Setting a new password signs your account out everywhere; you then sign in again, two-step sign-in included.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
  });
}
