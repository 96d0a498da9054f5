import { statSync } from 'node:fs';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

const POLL_MS = 5_000;

/**
 * Re-reads the key file when it changes, so a running API picks up the KEK version that
 * `keys:rotate` or `cases:purge` added (they wait longer than this poll before wrapping anything
 * under it) and forgets the one they retired.
 */
@Injectable()
export class KeyFileWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeyFileWatcher.name);
  private timer: NodeJS.Timeout | undefined;
  private lastChange = 0;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const source = this.config.keySource;
    if (source.kind !== 'key-file') return;
    this.lastChange = this.changedAt(source.path);
    this.timer = setInterval(() => this.check(source.path), POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private changedAt(path: string): number {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return 0;
    }
  }

  private check(path: string): void {
    const changed = this.changedAt(path);
    if (changed === 0 || changed === this.lastChange) return;
    try {
      if (this.config.reloadKeys()) this.logger.log(`Key file re-read: ${JSON.stringify(this.config.keys.toJSON())}`);
      this.lastChange = changed;
    } catch (error) {
      // Keep the keys already loaded: a half-edited or invalid file must not take the API down.
      this.logger.error(`The key file changed but cannot be used: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  }
}
