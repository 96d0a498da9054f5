import { loadContracts } from '../../../lib/lazy-contracts';

/**
 * The API's message about a new password, in the page's language where we know it: the length
 * rule is checked in the browser first, so the common-password refusal is the one to translate.
 */
export async function newPasswordMessage(apiMessage: string, commonPassword: string): Promise<string> {
  const { COMMON_PASSWORD_MESSAGE } = await loadContracts();
  return apiMessage.includes(COMMON_PASSWORD_MESSAGE) ? commonPassword : apiMessage;
}
