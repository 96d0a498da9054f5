import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ReminderService } from './reminder.service';

/**
 * The job worker inside the API process (or `npm run worker`): every poll interval it runs one
 * reminder round. Any number of processes may run it on one database: the queue's row locks and
 * unique keys keep each reminder to one sender. `LAPATA_WORKER=off` turns it off in this process.
 */
@Injectable()
export class ReminderWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly reminders: ReminderService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workerEnabled) return;
    this.logger.log(`Job worker started (every ${this.config.workerPollIntervalMs / 1000} s)`);
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round now (also what the timer runs); a failure is logged and the next round tries again. */
  runOnce(): Promise<void> {
    this.running ??= this.reminders
      .runRound(new Date(), () => !this.stopped)
      .then((result) => {
        if (result.sent || result.failed) this.logger.log({ reminders: result }, 'reminder round done');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'The reminder round failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    // A little jitter, so that several processes started together do not poll in step.
    const delay = this.config.workerPollIntervalMs * (0.9 + Math.random() * 0.2);
    this.timer = setTimeout(() => {
      void this.runOnce().then(() => this.schedule());
    }, delay);
    this.timer.unref();
  }
}
