/**
 * The API's field messages are written in English. They are wrapped as a left-to-right isolate
 * (U+2066 … U+2069) so that, inside an Urdu right-to-left page, their full stop stays at their end.
 */
export function apiFieldText(messages: readonly string[]): string {
  return `\u2066${messages.join(' ')}\u2069`;
}
