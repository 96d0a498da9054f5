import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { printSetupBanner } from './setup-banner';
import { SetupService } from './setup.service';

const RETRY_MS = 10_000;

/**
 * At start, while setup is needed, issues a fresh token and prints it. When the database is not
 * ready yet (not reachable, migrations pending) it tries again, so starting the API before the
 * database still ends with a usable token.
 */
@Injectable()
export class SetupTokenIssuer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Setup');
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly setup: SetupService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.issue();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  private async issue(): Promise<void> {
    try {
      const token = await this.setup.issueToken();
      if (token === undefined) return;
      printSetupBanner(token, this.config.publicUrl);
      this.logger.log('Setup is needed: the one-time setup token is printed on standard output');
    } catch (error) {
      this.logger.warn({ err: error }, `Cannot check whether setup is needed yet; trying again in ${RETRY_MS / 1000} s`);
      this.retry = setTimeout(() => void this.issue(), RETRY_MS);
      this.retry.unref();
    }
  }
}
