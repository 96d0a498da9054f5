import { describe, expect, it } from 'vitest';
import { AppConfig, ConfigError } from '../../config/app-config';
import { testKeyEnv } from '../../testing/test-env';

const base = { DATABASE_URL: 'postgresql://app:secret@127.0.0.1:5432/lapata', ...testKeyEnv() };

describe('job worker settings', () => {
  it('runs the worker every 60 s with 6 attempts by default, but not under NODE_ENV=test unless asked', () => {
    const development = AppConfig.fromEnv({ ...base, NODE_ENV: 'development' });
    expect([development.workerEnabled, development.workerPollIntervalMs, development.reminderMaxAttempts]).toEqual([true, 60_000, 6]);
    expect(AppConfig.fromEnv({ ...base, NODE_ENV: 'test' }).workerEnabled).toBe(false);
    expect(AppConfig.fromEnv({ ...base, NODE_ENV: 'test', LAPATA_WORKER: 'on' }).workerEnabled).toBe(true);
    const tuned = AppConfig.fromEnv({ ...base, LAPATA_WORKER: 'off', LAPATA_WORKER_POLL_SECONDS: '5', LAPATA_REMINDER_MAX_ATTEMPTS: '3' });
    expect([tuned.workerEnabled, tuned.workerPollIntervalMs, tuned.reminderMaxAttempts]).toEqual([false, 5_000, 3]);
  });

  it('names each wrong setting', () => {
    let problems: readonly string[] = [];
    try {
      AppConfig.fromEnv({ ...base, LAPATA_WORKER: 'yes', LAPATA_WORKER_POLL_SECONDS: '0', LAPATA_REMINDER_MAX_ATTEMPTS: '100' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toEqual([
      'LAPATA_WORKER must be on or off',
      'LAPATA_WORKER_POLL_SECONDS must be at least 1 second',
      'LAPATA_REMINDER_MAX_ATTEMPTS must be at most 20',
    ]);
  });
});
