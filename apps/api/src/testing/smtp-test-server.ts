import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  from: string | undefined;
  subject: string;
  text: string;
  html: string;
  /** Headers, lower-case names. */
  headers: Map<string, unknown>;
}

const USER = 'lapata';

/**
 * A real SMTP server on a free loopback port, for tests that follow what the API mails. It asks for
 * the credentials in `url` (over plain text: it is on this machine), so a test also proves the API
 * reads them from SMTP_URL.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  private waiting: { match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpTestServer> {
    const password = randomBytes(12).toString('hex');
    // onData needs the instance, which needs the listening server's port.
    const started: { instance?: SmtpTestServer } = {};
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      disableReverseLookup: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === USER && auth.password === password) callback(null, { user: USER });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            started.instance?.deliver({
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers as Map<string, unknown>,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    started.instance = new SmtpTestServer(server, `smtp://${USER}:${password}@127.0.0.1:${port}`);
    return started.instance;
  }

  /** The first mail (already received or still to come) to `address`; fails after `timeoutMs`. */
  nextMailTo(address: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    const match = (mail: ReceivedMail) => mail.to.includes(address);
    const index = this.received.findIndex(match);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No mail to ${address} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push({
        match,
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private deliver(mail: ReceivedMail): void {
    const waiter = this.waiting.find((candidate) => candidate.match(mail));
    if (waiter) {
      this.waiting = this.waiting.filter((candidate) => candidate !== waiter);
      waiter.resolve(mail);
    } else {
      this.received.push(mail);
    }
  }
}
