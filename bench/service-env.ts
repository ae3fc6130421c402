import { randomBytes, randomUUID } from 'node:crypto';

/** The HS256 secret the benches sign their tokens with. */
export const BENCH_SECRET = 'bench-only-secret-of-at-least-32-characters';

/**
 * The environment of an API or worker process started by a bench, as deployed
 * (production mode, migrations run by the bench itself), on `port`, with a task queue of
 * its own. The caller adds its database and anything else it needs.
 */
export function deployedServiceEnv(port: number, temporalAddress: string, queuePrefix: string): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HTTP_PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    AUTH_HS256_SECRET: BENCH_SECRET,
    INVITATION_TOKEN_SECRET: `${BENCH_SECRET}-for-invitation-tokens`,
    TEMPORAL_CODEC_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `${queuePrefix}-${randomUUID()}`,
    DATABASE_MIGRATE: 'false',
  };
}
