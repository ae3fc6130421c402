import type { MetricMeter } from '@temporalio/common';
import type { Mailer } from '../mail/mailer';

/**
 * Mails by outcome, exported with the worker's other metrics: `sent`, `failed` (will be
 * retried) or `undeliverable` (the server refused the recipient for good: a 5xx answer).
 */
export function countingMailer(mailer: Mailer, meter: MetricMeter): Mailer {
  const mails = meter.createCounter('collab_mails', 'mails', 'Mails handed to the SMTP server, by outcome');
  const counting = Object.create(mailer) as Mailer;
  counting.send = async (mail) => {
    try {
      const sent = await mailer.send(mail);
      mails.add(1, { outcome: 'sent' });
      return sent;
    } catch (e) {
      const code = (e as { responseCode?: unknown }).responseCode;
      mails.add(1, { outcome: typeof code === 'number' && code >= 500 ? 'undeliverable' : 'failed' });
      throw e;
    }
  };
  return counting;
}
