export interface ErrorSummary {
  type: string;
  code?: string;
  /** What the driver adapter reported under a Prisma error: a kind such as `DatabaseDoesNotExist` and its SQLSTATE. */
  driverError?: { kind?: string; sqlState?: string };
  message?: string;
  stack?: string;
  cause?: ErrorSummary;
}

const MAX_CAUSE_DEPTH = 3;

/**
 * What is logged of an error. Database and driver messages can echo the values of a query (an
 * email, a name typed into a URL), so the messages of query errors are dropped and quoted text in
 * any other message is masked. The type, the code and the stack frames are enough to find the fault.
 */
export function summariseError(error: unknown, depth = 0): ErrorSummary {
  if (!(error instanceof Error)) {
    return { type: typeof error };
  }
  const type = error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
  const code = (error as { code?: unknown }).code;
  const summary: ErrorSummary = { type };
  if (typeof code === 'string' || typeof code === 'number') summary.code = String(code);
  // Prisma's P1xxx errors are about reaching the server (no such database, wrong password) and
  // quote no row values; the operator needs their message.
  const queryError = /^(Prisma|DriverAdapter)|^DatabaseError$/.test(type) && !/^P1\d{3}$/.test(summary.code ?? '');
  if (!queryError) summary.message = maskQuoted(error.message);
  const driverError = driverErrorOf(error);
  if (driverError) summary.driverError = driverError;
  const frames = stackFrames(error.stack);
  if (frames) summary.stack = frames;
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) summary.cause = summariseError(error.cause, depth + 1);
  return summary;
}

function driverErrorOf(error: Error): ErrorSummary['driverError'] {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } }).meta
    ?.driverAdapterError?.cause;
  if (!cause) return undefined;
  const kind = typeof cause.kind === 'string' ? cause.kind : undefined;
  const sqlState = typeof cause.originalCode === 'string' ? cause.originalCode : undefined;
  return kind || sqlState ? { kind, sqlState } : undefined;
}

function maskQuoted(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|\([^()]*\)=\([^()]*\)/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The "at ..." lines only: the first lines of a stack repeat the message. */
function stackFrames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
  return frames.length > 0 ? frames.join('\n') : undefined;
}
