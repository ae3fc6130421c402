import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface RecordedMail {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
}

/**
 * A real SMTP server for the delivery tests (R-I9): refuses recipients starting with
 * `bounce-` for good (550) and those starting with `flaky-` once for now (451), and records
 * every message it takes with its Message-ID.
 */
export class RecordingSmtp {
  readonly mails: RecordedMail[] = [];
  readonly refusals: string[] = [];
  private readonly flakyOnce = new Set<string>();
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const to = address.address.toLowerCase();
        this.refusals.push(to);
        if (to.startsWith('bounce-')) {
          callback(Object.assign(new Error('5.1.1 no such user here'), { responseCode: 550 }));
          return;
        }
        if (to.startsWith('flaky-') && !this.flakyOnce.has(to)) {
          this.flakyOnce.add(to);
          callback(Object.assign(new Error('4.2.1 mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        this.refusals.pop();
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.mails.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(email: string): RecordedMail[] {
    return this.mails.filter((m) => m.to.includes(email.toLowerCase()));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('SMTP server: condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
