import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { MailCatcher } from '../libs/mail/mail-catcher';
import type { BenchFigure } from './figures';
import { INVITE_BODY, postRetrying503 } from './invitation-load';

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux). */
export function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, i.e. 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Single-invitation latency: one request of one address every 1/rate s for `seconds`, each
 * timed from sending the request until the SMTP server has its mail. Answers the sorted times (ms).
 */
export async function latencies(
  url: string,
  status: number,
  token: string,
  mail: MailCatcher,
  prefix: string,
  rate: number,
  seconds: number,
): Promise<number[]> {
  const times: Array<Promise<number | Error>> = [];
  const count = Math.round(rate * seconds);
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    const email = `${prefix}-${i}-${Math.random().toString(36).slice(2, 8)}@bench.example`;
    // Settled at once, so that a failure is reported after the run instead of crashing it unhandled.
    times.push(one(url, status, token, mail, email).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  }
  const settled = await Promise.all(times);
  const failure = settled.find((x): x is Error => x instanceof Error);
  if (failure) throw failure;
  return (settled as number[]).sort((a, b) => a - b);
}

async function one(url: string, status: number, token: string, mail: MailCatcher, email: string): Promise<number> {
  const sent = Date.now();
  const arrived = mail.waitFor((m) => m.to.includes(email), 600_000);
  await postRetrying503(url, status, token, { emails: [email], ...INVITE_BODY });
  return (await arrived).receivedAt.getTime() - sent;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50 and p99 figures: value = via workflows, baseline = direct; ratio = value / baseline (lower is better). */
export function latencyFigures(workflow: number[], direct: number[]): BenchFigure[] {
  return [50, 99].map((p) => {
    const value = percentile(workflow, p);
    const baseline = percentile(direct, p);
    return { name: `invitations.latency-p${p}`, value, baseline, ratio: value / baseline, unit: 'ms' };
  });
}

/** Resolves once the SMTP server has received a mail for every expected address (polled: cheap, 20 ms resolution). */
export async function waitForAll(mail: MailCatcher, expected: Set<string>): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const seen = new Set(mail.mails.flatMap((m) => m.to).filter((a) => expected.has(a)));
    if (seen.size === expected.size) return;
    if (Date.now() > deadline) throw new Error(`${expected.size - seen.size} emails still missing after 10 minutes`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
