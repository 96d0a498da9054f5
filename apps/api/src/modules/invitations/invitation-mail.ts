import { INVITATION_LIFETIME_DAYS, type Locale, type Role } from '@lapata/contracts';
import { layoutMail, type MailContent } from '../mail/mail-layout';

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  en: { ORG_ADMIN: 'an administrator', CASEWORKER: 'a caseworker', LAWYER: 'a lawyer', FAMILY: 'a family member' },
  ur: { ORG_ADMIN: 'منتظم', CASEWORKER: 'کیس ورکر', LAWYER: 'وکیل', FAMILY: 'خاندان کا فرد' },
};

/**
 * The invitation mail, in the language the inviting administrator chose. It names the
 * organisation and the role, never the person invited or who invited them: a mailbox is often
 * shared, and the message should say as little as it can.
 */
export function invitationMail(input: { locale: Locale; organizationName: string; role: Role; link: string }): MailContent {
  const days = INVITATION_LIFETIME_DAYS;
  const role = ROLE_NAMES[input.locale][input.role];
  if (input.locale === 'ur') {
    return layoutMail({
      locale: 'ur',
      subject: `لاپتا: ${input.organizationName} کی طرف سے دعوت`,
      intro: [
        `آپ کو لاپتا پر ${input.organizationName} میں بطور ${role} شامل ہونے کی دعوت دی گئی ہے۔`,
        'قبول کرنے کے لیے یہ لنک کھولیں۔ آپ اپنے اکاؤنٹ سے سائن اِن کریں گے، یا اسی ای میل پتے سے نیا اکاؤنٹ بنائیں گے:',
      ],
      link: { label: 'دعوت قبول کریں', url: input.link },
      outro: [
        `یہ لنک ایک ہی بار کام کرتا ہے اور ${days} دن بعد ختم ہو جائے گا۔`,
        'اگر آپ کو اس دعوت کی توقع نہیں تھی تو یہ ای میل نظر انداز کر دیں۔',
      ],
    });
  }
  return layoutMail({
    locale: 'en',
    subject: `Lapata: invitation to ${input.organizationName}`,
    intro: [
      `You have been invited to join ${input.organizationName} on Lapata as ${role}.`,
      'Open this link to accept. You sign in with your account, or create one with this email address:',
    ],
    link: { label: 'Accept the invitation', url: input.link },
    outro: [`The link works once and expires in ${days} days.`, 'If you did not expect this invitation, ignore this email.'],
  });
}
