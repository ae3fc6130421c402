import { ParsedMail, simpleParser } from 'mailparser';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { esc as escape } from './invitation-email';

export interface CaughtMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
}

/**
 * A real SMTP server that keeps what it receives, with a small web page to read it and
 * click its links: the local mail catcher of `npm start`, and the SMTP server of the
 * tests. Listens on loopback only; accepts any sender and recipient, no auth.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  private waiters: Array<{ match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }> = [];
  private smtp?: SMTPServer;
  private http?: Server;
  smtpPort = 0;
  httpPort = 0;

  async start(opts: { smtpPort?: number; httpPort?: number | null } = {}): Promise<this> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.receive(
              parsed,
              session.envelope.rcptTo.map((r) => r.address),
            );
            callback();
          })
          .catch(callback);
      },
    });
    const smtp = this.smtp;
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(opts.smtpPort ?? 0, '127.0.0.1', resolve);
    });
    // A client that drops its connection (a killed worker, a timed-out send) must not bring the catcher down.
    smtp.on('error', () => undefined);
    this.smtpPort = (smtp.server.address() as AddressInfo).port;
    if (opts.httpPort !== null) {
      const http = createServer((req, res) => {
        this.page(req.url ?? '/', res);
      });
      this.http = http;
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(opts.httpPort ?? 0, '127.0.0.1', resolve);
      });
      this.httpPort = (http.address() as AddressInfo).port;
    }
    return this;
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  /** Resolves with the first mail (already received or still to come) that matches. */
  waitFor(match: (m: CaughtMail) => boolean, timeoutMs = 15_000): Promise<CaughtMail> {
    const found = this.mails.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (m: CaughtMail) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching mail within ${timeoutMs} ms (${this.mails.length} received)`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  mailsTo(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    const { smtp, http } = this;
    await Promise.all([smtp && new Promise<void>((r) => smtp.close(r)), http && new Promise<void>((r) => http.close(() => r()))]);
  }

  private receive(parsed: ParsedMail, rcptTo: string[]): void {
    const mail: CaughtMail = {
      id: this.mails.length + 1,
      from: parsed.from?.text ?? '',
      to: rcptTo.map((a) => a.toLowerCase()),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      receivedAt: new Date(),
    };
    this.mails.push(mail);
    for (const w of this.waiters.filter((w) => w.match(mail))) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(mail);
    }
  }

  private page(url: string, res: import('node:http').ServerResponse): void {
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>Mail catcher</title><style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{padding:.3rem .8rem;text-align:left}</style>${body}`,
      );
    };
    if (url === '/api/messages') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.mails));
      return;
    }
    const m = /^\/messages\/(\d+)$/.exec(url);
    if (m) {
      const mail = this.mails.find((x) => x.id === Number(m[1]));
      // The message's own HTML is shown in a sandboxed frame so that its links can be clicked.
      html(
        !mail
          ? '<p>No such message. <a href="/">All messages</a></p>'
          : `<p><a href="/">← All messages</a></p><h1>${escape(mail.subject)}</h1><p>To ${escape(mail.to.join(', '))} · ${mail.receivedAt.toISOString()}</p><iframe sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" style="width:100%;height:32rem;border:1px solid #ccc" srcdoc="${escape(mail.html || `<pre>${escape(mail.text)}</pre>`)}"></iframe>`,
      );
      return;
    }
    const rows = [...this.mails]
      .reverse()
      .map(
        (x) =>
          `<tr><td>${x.receivedAt.toISOString()}</td><td>${escape(x.to.join(', '))}</td><td><a href="/messages/${x.id}">${escape(x.subject)}</a></td></tr>`,
      );
    html(
      `<h1>Mail catcher</h1><p>${this.mails.length} message(s) received on SMTP port ${this.smtpPort}.</p><table><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows.join('')}</table>`,
    );
  }
}
