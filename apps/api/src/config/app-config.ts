import { KeyConfigurationError, loadKeyConfiguration, type KeyRing, type KeySourceDescription } from '@lapata/crypto';
import { EnvSchema, type Env } from './env.schema';

/**
 * Where encrypted blobs are stored: a local directory (default) or an S3-compatible bucket, whose
 * credentials come from the AWS SDK's standard sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
 * a profile, an instance role), never from this configuration.
 */
export type StorageConfig =
  | { driver: 'local'; directory: string }
  | { driver: 's3'; bucket: string; region: string; endpoint: string | undefined; forcePathStyle: boolean };

/** Thrown at start when a setting is missing or wrong; the message names every variable at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Lapata API cannot start: fix these settings and start it again.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The API's configuration, read and validated once at start (`AppConfig.fromEnv`) and injected
 * wherever a setting is needed. Nothing else reads `process.env`.
 */
export class AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  /** Whether connections keep their statements prepared (off behind a pooler that cannot). */
  readonly databasePreparedStatements: boolean;
  /** The web origin people open (setup link, later mail links), without a trailing slash. */
  readonly publicUrl: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly bodyLimit: string;
  readonly trustProxy: boolean | number | string;
  /** A session unused this long ends. */
  readonly sessionIdleTimeoutMs: number;
  /** A session ends this long after sign-in, however active. */
  readonly sessionAbsoluteTimeoutMs: number;
  /** How long a break-glass opening of a case lasts. */
  readonly breakGlassDurationMs: number;
  /** Where mail goes out (`smtp://` or `smtps://`, credentials included); unset: written to `mailDir`. */
  readonly smtpUrl: string | undefined;
  /** The sender of every mail. */
  readonly mailFrom: string;
  /** Where mail is written as .eml files when there is no SMTP server (development). */
  readonly mailDir: string;
  /** Whether this process runs the job worker (hearing reminders); several may, on one database. */
  readonly workerEnabled: boolean;
  /** How often the worker looks for due work. */
  readonly workerPollIntervalMs: number;
  /** A reminder that failed this many times is given up. */
  readonly reminderMaxAttempts: number;
  /** Where encrypted documents and photos go (docs/documents.md). */
  readonly storage: StorageConfig;
  /** Largest document a filing version may have, in bytes. */
  readonly maxDocumentBytes: number;
  /** Keys from LAPATA_KEY_FILE or LAPATA_MASTER_KEY (see @lapata/crypto); prints versions only. */
  get keys(): KeyRing {
    return this.#keys;
  }
  #keys: KeyRing;
  /** Where the keys come from: a key file can be re-read after a rotation or a purge (`reloadKeys`). */
  readonly keySource: KeySourceDescription;
  /** How long a deleted case can be restored before a purge removes it for good. */
  readonly erasureRestoreDays: number;
  /** Key configuration advice that is safe to log (no key material). */
  readonly keyWarnings: readonly string[];

  private constructor(env: Env, keys: KeyRing, keyWarnings: readonly string[], keySource: KeySourceDescription) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.API_PORT;
    this.host = env.API_HOST;
    this.databaseUrl = env.DATABASE_URL;
    this.databasePreparedStatements = env.DATABASE_PREPARED_STATEMENTS === 'on';
    this.publicUrl = env.PUBLIC_URL;
    this.logLevel = env.LOG_LEVEL;
    this.bodyLimit = env.BODY_LIMIT;
    this.trustProxy = env.TRUST_PROXY;
    this.sessionIdleTimeoutMs = env.SESSION_IDLE_TIMEOUT_MINUTES * 60_000;
    this.sessionAbsoluteTimeoutMs = env.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3_600_000;
    this.breakGlassDurationMs = env.BREAK_GLASS_HOURS * 3_600_000;
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM ?? `Lapata <no-reply@${new URL(env.PUBLIC_URL).hostname}>`;
    this.mailDir = env.MAIL_DIR;
    this.workerEnabled = (env.LAPATA_WORKER ?? (env.NODE_ENV === 'test' ? 'off' : 'on')) === 'on';
    this.workerPollIntervalMs = env.LAPATA_WORKER_POLL_SECONDS * 1000;
    this.reminderMaxAttempts = env.LAPATA_REMINDER_MAX_ATTEMPTS;
    this.storage =
      env.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            bucket: env.S3_BUCKET ?? '',
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: env.S3_FORCE_PATH_STYLE === undefined ? env.S3_ENDPOINT !== undefined : env.S3_FORCE_PATH_STYLE === 'true',
          }
        : { driver: 'local', directory: env.LAPATA_STORAGE_DIR };
    this.maxDocumentBytes = env.LAPATA_MAX_DOCUMENT_BYTES;
    this.#keys = keys;
    this.keyWarnings = keyWarnings;
    this.keySource = keySource;
    this.erasureRestoreDays = env.LAPATA_ERASURE_RESTORE_DAYS;
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /**
   * Cookies are `Secure` with the `__Host-` prefix unless the web is served over plain HTTP on a
   * loopback address (development), where browsers would drop them.
   */
  get secureCookies(): boolean {
    const url = new URL(this.publicUrl);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || !loopback;
  }

  /**
   * Validates every setting and reports all problems at once, each naming its variable. Values are
   * never repeated in messages: several of them are secrets. Empty variables count as unset.
   */
  static fromEnv(source: NodeJS.ProcessEnv = process.env): AppConfig {
    const env = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''));
    const problems: string[] = [];

    const parsed = EnvSchema.safeParse(env);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')} ${issue.message}`);
    }

    let keyConfiguration: ReturnType<typeof loadKeyConfiguration> | undefined;
    try {
      keyConfiguration = loadKeyConfiguration(env);
    } catch (error) {
      if (!(error instanceof KeyConfigurationError)) throw error;
      problems.push(error.message);
    }

    if (!parsed.success || !keyConfiguration) throw new ConfigError(problems);
    return new AppConfig(parsed.data, keyConfiguration.ring, keyConfiguration.warnings, keyConfiguration.source);
  }

  /**
   * Re-reads the key file after `keys:rotate` or `cases:purge` changed it (a new current KEK
   * version, an old one retired). Keys from variables never change. Returns whether the ring changed.
   */
  reloadKeys(): boolean {
    if (this.keySource.kind !== 'key-file') return false;
    const { ring } = loadKeyConfiguration({ LAPATA_KEY_FILE: this.keySource.path });
    const before = JSON.stringify(this.#keys.toJSON());
    this.#keys = ring;
    return JSON.stringify(ring.toJSON()) !== before;
  }

  toJSON() {
    return {
      nodeEnv: this.nodeEnv,
      port: this.port,
      host: this.host,
      publicUrl: this.publicUrl,
      logLevel: this.logLevel,
      bodyLimit: this.bodyLimit,
      trustProxy: this.trustProxy,
      sessionIdleTimeoutMs: this.sessionIdleTimeoutMs,
      sessionAbsoluteTimeoutMs: this.sessionAbsoluteTimeoutMs,
      // The SMTP URL carries a password: only whether mail goes out, or to files.
      mail: this.smtpUrl ? 'smtp' : `files in ${this.mailDir}`,
      mailFrom: this.mailFrom,
      storage: this.storage.driver === 's3' ? `s3 bucket ${this.storage.bucket}` : `files in ${this.storage.directory}`,
      maxDocumentBytes: this.maxDocumentBytes,
      keys: this.keys.toJSON(),
    };
  }
}
