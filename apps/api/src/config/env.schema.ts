import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const required = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `is required (${what})` : `must be ${what}`) });

/**
 * Express's `trust proxy`: false (the default: the socket's address is the client), true, a
 * number of hops, or a comma-separated list of addresses/subnets such as `loopback`.
 */
const TrustProxySchema = z
  .string()
  .trim()
  .regex(/^[\w.:/, -]+$/, 'must be false, true, a number of hops, or a list of addresses such as loopback')
  .transform((value): boolean | number | string => {
    if (value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    return value;
  });

/**
 * Every setting the API reads from its environment, except the keys (loaded by @lapata/crypto).
 * Messages never repeat the value: a DATABASE_URL holds a password.
 */
export const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { error: 'must be development, test or production' })
    .default('development'),
  API_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(1, 'must be a port number from 1 to 65535')
    .max(65535, 'must be a port number from 1 to 65535')
    .default(3001),
  API_HOST: z.string().trim().min(1, 'must be a host name or address').default('127.0.0.1'),
  DATABASE_URL: required('a PostgreSQL URL such as postgresql://user:password@127.0.0.1:5432/lapata').regex(
    /^postgres(ql)?:\/\/\S+$/,
    'must be a PostgreSQL URL such as postgresql://user:password@127.0.0.1:5432/lapata',
  ),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://lapata.example.org' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  BODY_LIMIT: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb')
    .default('1mb'),
  TRUST_PROXY: TrustProxySchema.default(false),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(24 * 60, 'must be at most 1440 minutes')
    .default(30),
  SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1 hour')
    .max(24 * 30, 'must be at most 720 hours')
    .default(12),
  BREAK_GLASS_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .min(0.25, 'must be at least 0.25 hours')
    .max(72, 'must be at most 72 hours')
    .default(4),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/\S+$/, 'must be an SMTP URL such as smtp://user:password@mail.example.org:587')
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'must be a sender address such as Lapata <no-reply@lapata.example.org>')
    .optional(),
  MAIL_DIR: z.string().trim().default('./.data/mail'),
  /** Default: on, except under NODE_ENV=test (tests start the worker themselves when they want it). */
  LAPATA_WORKER: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  LAPATA_WORKER_POLL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(3600, 'must be at most 3600 seconds')
    .default(60),
  LAPATA_REMINDER_MAX_ATTEMPTS: z.coerce
    .number({ error: 'must be a number of attempts' })
    .int('must be a whole number of attempts')
    .min(1, 'must be at least 1')
    .max(20, 'must be at most 20')
    .default(6),
  LAPATA_ERASURE_RESTORE_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(365, 'must be at most 365 days')
    .default(30),
  STORAGE_DRIVER: z.enum(['local', 's3'], { error: 'must be local or s3' }).default('local'),
  LAPATA_STORAGE_DIR: z.string().trim().default('./.data/storage'),
  LAPATA_MAX_DOCUMENT_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 bytes')
    .max(1024 * 1024 * 1024, 'must be at most 1 GiB (1073741824 bytes)')
    .default(25 * 1024 * 1024),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://s3.example.org' }).optional(),
  S3_BUCKET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lower-case letters, digits, dots, hyphens)')
    .optional(),
  S3_REGION: z.string().trim().regex(/^[a-z0-9-]+$/, 'must be a region name such as eu-central-1').default('us-east-1'),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
}).superRefine((env, context) => {
  if (env.STORAGE_DRIVER === 's3' && env.S3_BUCKET === undefined) {
    context.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when STORAGE_DRIVER is s3' });
  }
  // Without SMTP, mail (reset links) is written to files: fine on a developer's machine, never in production.
  if (env.NODE_ENV === 'production' && env.SMTP_URL === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message: 'is required in production (an SMTP URL such as smtp://user:password@mail.example.org:587)',
    });
  }
});

export type Env = z.infer<typeof EnvSchema>;
