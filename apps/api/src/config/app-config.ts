import { KeyConfigurationError, loadKeyConfiguration, type KeyRing } from '@lapata/crypto';
import { EnvSchema, type Env } from './env.schema';

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
  /** Keys from LAPATA_KEY_FILE or LAPATA_MASTER_KEY (see @lapata/crypto); prints versions only. */
  readonly keys: KeyRing;
  /** Key configuration advice that is safe to log (no key material). */
  readonly keyWarnings: readonly string[];

  private constructor(env: Env, keys: KeyRing, keyWarnings: readonly string[]) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.API_PORT;
    this.host = env.API_HOST;
    this.databaseUrl = env.DATABASE_URL;
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
    this.keys = keys;
    this.keyWarnings = keyWarnings;
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
    return new AppConfig(parsed.data, keyConfiguration.ring, keyConfiguration.warnings);
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
      keys: this.keys.toJSON(),
    };
  }
}
