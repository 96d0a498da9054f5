import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import { makePrivateDirectory } from '../../common/fs/private-directory';

/** One message to one person. No names of people in it: a mailbox is often shared. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** SMTP timeouts short enough that a hanging server cannot hold a request's transaction for long. */
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 } as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Sends mail over SMTP (`SMTP_URL`), or, where none is configured (development; production
 * refuses to start without it), writes each message as an .eml file under `MAIL_DIR`. Nothing about
 * a message (recipient, subject, links) is ever logged.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? createTransport(smtpOptions(config.smtpUrl), { from: config.mailFrom })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: config.mailFrom });
  }

  /** Sends now; rejects when the message could not be handed over (the caller decides what that means). */
  async send(mail: OutgoingMail): Promise<void> {
    const { to, subject, text, html } = mail;
    try {
      const info: unknown = await this.transport.sendMail({ to, subject, text, html });
      if (this.config.smtpUrl) {
        this.logger.log('mail sent');
      } else {
        const file = await this.writeMessage((info as { message: Buffer }).message);
        this.logger.log(`mail written to ${file}`);
      }
    } catch (error) {
      this.logger.error({ mailError: describeFailure(error) }, 'mail could not be sent');
      throw new Error('The mail could not be sent');
    }
  }

  /**
   * Sends without making the caller wait, for answers whose timing must not tell whether a mail
   * went out (password reset). A failure is logged, never silently dropped.
   */
  sendInBackground(mail: OutgoingMail): void {
    // send() has already logged the failure; nothing is waiting for the result.
    this.send(mail).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  private async writeMessage(message: Buffer): Promise<string> {
    const directory = resolve(this.config.mailDir);
    await makePrivateDirectory(directory);
    const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
    // The message holds a working link: readable by this user only.
    await writeFile(file, message, { mode: 0o600 });
    return file;
  }
}

/**
 * SMTP options from the URL. Mail carries sign-in links, so a `smtp://` server that is not on this
 * machine must offer STARTTLS (`?requireTLS=false` in the URL turns this off, for a relay on a
 * trusted network); `smtps://` is TLS from the start.
 */
function smtpOptions(url: string) {
  const host = new URL(url).hostname;
  return { url, requireTLS: !LOOPBACK_HOSTS.has(host), ...SMTP_TIMEOUTS };
}

/** The SMTP failure without its message, which can quote the recipient's address. */
function describeFailure(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, responseCode, command } = error as { code?: unknown; responseCode?: unknown; command?: unknown };
  return { type: error.name, code, responseCode, command };
}
