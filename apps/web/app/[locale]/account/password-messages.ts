import { COMMON_PASSWORD_MESSAGE } from '@lapata/contracts';

/**
 * The API's message about a new password, in the page's language where we know it: the length
 * rule is checked in the browser first, so the common-password refusal is the one to translate.
 */
export function newPasswordMessage(apiMessage: string, commonPassword: string): string {
  return apiMessage.includes(COMMON_PASSWORD_MESSAGE) ? commonPassword : apiMessage;
}
