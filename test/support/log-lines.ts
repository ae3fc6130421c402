import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One log line as pino writes it (issue 11: one JSON format for the API and the worker). */
export type LogLine = Record<string, any>;

/** The JSON lines among `lines`, parsed (a child's stdout may also carry a plain line, e.g. a warning). */
export function jsonLines(lines: readonly string[]): LogLine[] {
  return lines.flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as LogLine] : []));
}

/** Collects a stream's lines into `into` as they arrive. */
export function collectLines(stream: Readable, into: string[]): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => into.push(line));
}
