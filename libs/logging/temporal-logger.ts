import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from 'pino';
import { isRefusalHeadline } from '../operations/refusal';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * The Temporal SDK's runtime, workflow and activity loggers, written through pino: one JSON
 * line each, with the SDK's attributes (workflowId, runId, activityType …) and the
 * operation id, which is the workflow id (libs/operations/operation-ids.ts).
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta: LogMetadata = {}): void {
    const { error, ...rest } = meta as LogMetadata & { error?: unknown };
    const fields: Record<string, unknown> = { ...rest };
    if (typeof rest.workflowId === 'string') fields.operationId = rest.workflowId;
    if (typeof rest.workflowRunId === 'string' && rest.runId === undefined) fields.runId = rest.workflowRunId;
    const reason = (error as { message?: unknown } | undefined)?.message;
    if (message === 'Workflow failed' && isRefusalHeadline(reason)) {
      // An expected refusal (workflows/interceptors.ts): the rule and message, no stack.
      this.logger.info({ ...fields, reason }, 'operation refused');
      return;
    }
    if (error !== undefined) fields.err = error;
    this.logger[LEVELS[level]](fields, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
