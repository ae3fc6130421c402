import { hostname } from 'node:os';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { traceFields } from '../tracing/active-tracing';
import { redactText } from './redact';

/**
 * One log format for both processes (issue 11): pino JSON lines with `service`, `host` and
 * `pid`, ISO times, and the same redaction. Nothing secret or personal reaches a line:
 * authorization headers and cookies are removed, and every line passes through
 * redactText (./redact.ts: invitation tokens, OAuth codes, bearer tokens, emails).
 */
export function loggerOptions(service: 'api' | 'worker', level: string): LoggerOptions {
  return {
    level,
    base: { service, host: hostname(), pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
    formatters: { level: (label) => ({ level: label }) },
    // Issue 11: a line written inside a traced span names its trace (nothing when tracing is off).
    mixin: traceFields,
    // Every line, whatever logged it, passes through redactText (tokens, links, emails).
    hooks: { streamWrite: redactText },
  };
}

export function createLogger(service: 'api' | 'worker', level: string, stream?: DestinationStream): Logger {
  return stream ? pino(loggerOptions(service, level), stream) : pino(loggerOptions(service, level));
}
