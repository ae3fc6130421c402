import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { DefaultLogger, LogEntry, LogLevel as TemporalLogLevel } from '@temporalio/worker';
import { redactText } from './redact';

/**
 * The worker's two loggers (Nest's and the Temporal runtime's) with every line passed
 * through redactText, like the API's pino lines: an activity failure that quotes an
 * email or a link must not put it in the log.
 */
export class RedactingConsoleLogger extends ConsoleLogger {
  protected override formatMessage(
    logLevel: LogLevel,
    message: unknown,
    pidMessage: string,
    formattedLogLevel: string,
    contextMessage: string,
    timestampDiff: string,
  ): string {
    return redactText(super.formatMessage(logLevel, message, pidMessage, formattedLogLevel, contextMessage, timestampDiff));
  }
}

export function redactingTemporalLogger(level: TemporalLogLevel, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): DefaultLogger {
  return new DefaultLogger(level, (entry: LogEntry) => {
    const meta = entry.meta && Object.keys(entry.meta).length ? ` ${JSON.stringify(entry.meta)}` : '';
    write(redactText(`${new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString()} [${entry.level}] ${entry.message}${meta}`));
  });
}
