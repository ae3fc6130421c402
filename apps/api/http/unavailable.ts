import { ConnectionException, LockWaitTimeoutException } from '@mikro-orm/core';
import { ServiceError, isGrpcServiceError } from '@temporalio/client';

/** A dependency a request needed and could not reach: answered 503 with Retry-After. */
export type Dependency = 'Temporal' | 'the database';

/** Seconds a client should wait before retrying a 503 (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

// gRPC codes of a server that cannot be reached or did not answer in time.
const GRPC_UNAVAILABLE = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);
// Socket errors of a database that is down or restarting.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (shutting down, cannot connect now).
const PG_STATES = /^(08...|57P0[123])$/;
const DB_MESSAGES =
  /Connection terminated|terminating connection|Client has encountered a connection error|Knex: Timeout acquiring a connection|the database system is (starting up|shutting down)|database is locked/i;

/**
 * Which dependency, if any, an error says is unavailable. Looks through the cause chain:
 * the Temporal SDK wraps gRPC errors in ServiceError, MikroORM wraps driver errors.
 */
export function unavailableDependency(error: unknown): Dependency | undefined {
  for (let current = error, depth = 0; current && depth < 8; current = (current as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(current)) return GRPC_UNAVAILABLE.has(current.code) ? 'Temporal' : undefined;
    if (current instanceof ServiceError && /Failed to connect/i.test(current.message)) return 'Temporal';
    if (current instanceof ConnectionException || current instanceof LockWaitTimeoutException) return 'the database';
    if (typeof current !== 'object') return undefined;
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || PG_STATES.test(code))) return 'the database';
    if (name === 'KnexTimeoutError' || (typeof message === 'string' && DB_MESSAGES.test(message))) return 'the database';
  }
  return undefined;
}
