/**
 * What went wrong with a request to the API, fit for a log line: the error's name and the system
 * code (ECONNREFUSED, ETIMEDOUT…), never its message, which can quote the URL.
 */
export function failureReason(error: unknown): { reason: string; code?: string } {
  if (!(error instanceof Error)) return { reason: 'unknown' };
  const cause: unknown = error.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ? { reason: error.name, code } : { reason: error.name };
}
