import { describe, expect, it } from 'vitest';
import { testKeyEnv } from '../testing/test-env';
import { AppConfig, ConfigError } from './app-config';

const DATABASE_URL = 'postgresql://lapata:s3cret-password@127.0.0.1:5432/lapata';

function problemsOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    AppConfig.fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('AppConfig.fromEnv accepted the environment');
}

describe('AppConfig.fromEnv', () => {
  it('applies the defaults', () => {
    const config = AppConfig.fromEnv({ DATABASE_URL, ...testKeyEnv() });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3001,
      host: '127.0.0.1',
      databaseUrl: DATABASE_URL,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      bodyLimit: '1mb',
      trustProxy: false,
    });
  });

  it('stops with a message naming DATABASE_URL when it is missing', () => {
    const error = problemsOf({ ...testKeyEnv() });
    expect(error.problems).toEqual([
      'DATABASE_URL is required (a PostgreSQL URL such as postgresql://user:password@127.0.0.1:5432/lapata)',
    ]);
    expect(error.message).toContain('Lapata API cannot start');
    expect(error.message).toContain('DATABASE_URL is required');
  });

  it('counts an empty variable as missing', () => {
    expect(problemsOf({ DATABASE_URL: '  ', ...testKeyEnv() }).problems[0]).toMatch(/^DATABASE_URL is required/);
  });

  it('names each bad setting without repeating its value', () => {
    const keys = testKeyEnv();
    const error = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2-secret@db/lapata',
      API_PORT: '70000',
      LOG_LEVEL: 'loud',
      ...keys,
      LAPATA_BLIND_INDEX_KEY: 'not-a-key-but-a-secret',
    });
    expect([...error.problems].sort()).toEqual([
      'API_PORT must be a port number from 1 to 65535',
      'DATABASE_URL must be a PostgreSQL URL such as postgresql://user:password@127.0.0.1:5432/lapata',
      'LAPATA_BLIND_INDEX_KEY must be the base64 encoding of 32 random bytes',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
    for (const secret of ['hunter2-secret', 'not-a-key-but-a-secret', keys.LAPATA_MASTER_KEY!]) {
      expect(error.message).not.toContain(secret);
    }
  });

  it('names the key variables when no key is configured', () => {
    expect(problemsOf({ DATABASE_URL }).problems).toEqual([
      expect.stringMatching(/^No encryption keys are configured: set LAPATA_KEY_FILE .* LAPATA_MASTER_KEY/),
    ]);
  });

  it('reads the optional settings', () => {
    const config = AppConfig.fromEnv({
      DATABASE_URL,
      ...testKeyEnv(),
      NODE_ENV: 'production',
      API_PORT: '4000',
      API_HOST: '0.0.0.0',
      PUBLIC_URL: 'https://lapata.example.org/',
      BODY_LIMIT: '200kb',
      TRUST_PROXY: 'loopback',
      SMTP_URL: 'smtp://mailer:smtp-secret@mail.example.org:587',
    });
    expect(config).toMatchObject({
      isProduction: true,
      port: 4000,
      host: '0.0.0.0',
      publicUrl: 'https://lapata.example.org',
      bodyLimit: '200kb',
      trustProxy: 'loopback',
    });
    expect(AppConfig.fromEnv({ DATABASE_URL, ...testKeyEnv(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('reads the mail settings, and requires SMTP_URL in production only', () => {
    const development = AppConfig.fromEnv({ DATABASE_URL, ...testKeyEnv(), PUBLIC_URL: 'https://lapata.example.org' });
    expect(development).toMatchObject({
      smtpUrl: undefined,
      mailFrom: 'Lapata <no-reply@lapata.example.org>',
      mailDir: './.data/mail',
    });
    const configured = AppConfig.fromEnv({
      DATABASE_URL,
      ...testKeyEnv(),
      SMTP_URL: 'smtps://mail.example.org',
      MAIL_FROM: 'Case desk <cases@example.org>',
      MAIL_DIR: '/var/mail/lapata',
    });
    expect(configured).toMatchObject({
      smtpUrl: 'smtps://mail.example.org',
      mailFrom: 'Case desk <cases@example.org>',
      mailDir: '/var/mail/lapata',
    });
    expect(problemsOf({ DATABASE_URL, ...testKeyEnv(), NODE_ENV: 'production' }).problems).toEqual([
      'SMTP_URL is required in production (an SMTP URL such as smtp://user:password@mail.example.org:587)',
    ]);
    expect([...problemsOf({ DATABASE_URL, ...testKeyEnv(), SMTP_URL: 'mail.example.org', MAIL_FROM: 'nobody' }).problems].sort()).toEqual([
      'MAIL_FROM must be a sender address such as Lapata <no-reply@lapata.example.org>',
      'SMTP_URL must be an SMTP URL such as smtp://user:password@mail.example.org:587',
    ]);
  });

  it('never shows the database password or keys when logged', () => {
    const keys = testKeyEnv();
    const config = AppConfig.fromEnv({ DATABASE_URL, ...keys, SMTP_URL: 'smtp://mailer:smtp-secret@mail.example.org' });
    const printed = JSON.stringify(config);
    expect(printed).not.toContain('s3cret-password');
    expect(printed).not.toContain('smtp-secret');
    expect(printed).not.toContain(keys.LAPATA_MASTER_KEY);
  });
});
