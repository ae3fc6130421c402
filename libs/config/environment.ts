import { z } from 'zod';
import { tracingSchema } from './tracing-config';

/**
 * What the environment may say: every variable the service reads, with its type, default
 * and bounds, and the rules that tie variables together. app-config.ts builds the typed
 * AppConfig from it.
 */

/** The issuer of the tokens `npm run token` and the tests mint in AUTH_MODE=local. */
export const LOCAL_ISSUER = 'collaboration-service-local';
export const DEFAULT_AUDIENCE = 'collaboration-api';

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 500ms, 30s, 15m, 3h or 7d')
  .transform(parseDuration);

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL; leave unset for the embedded SQLite file')
      .optional(),
    SQLITE_PATH: z.string().min(1).default('.data/app.sqlite'),
    /** Migrate at start; unset: on outside production (there `npm run migrate` runs once, as a job). */
    DATABASE_MIGRATE: bool.optional(),
    /** How long a process that does not migrate waits for the migrate job before giving up. */
    DATABASE_MIGRATION_WAIT: duration.default('5m'),

    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('collaboration'),
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    // Temporal Cloud / mTLS clusters (issue #15): PEM files, as mounted secrets are.
    TEMPORAL_TLS: bool.optional(),
    TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
    TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().optional(),
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),

    AUTH_MODE: z.enum(['local', 'oidc']).default('local'),
    AUTH_HS256_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    // R-A1: the audience and a maximum token age are checked in every mode.
    AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_MAX_TOKEN_AGE: duration.default('24h'),
    /** The OpenID provider's browser-facing base URL and client for "Sign in to accept" (R-I8); unset: no sign-in button. */
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),

    /** R-A2: Temporal payload keys, "id:base64-32-bytes" comma-separated, the first encrypts. */
    TEMPORAL_CODEC_KEYS: z.string().min(1).optional(),
    /** The Temporal UI's origin, the only one the codec endpoint answers CORS to. */
    TEMPORAL_UI_ORIGIN: z.string().url().optional(),
    /** Emails of the operators who may decode payloads through the codec endpoint; none by default. */
    TEMPORAL_CODEC_OPERATORS: z.string().default(''),

    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
      .default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Collaboration <no-reply@collaboration.localhost>'),

    INVITATION_TTL: duration.default('7d'),
    INVITATION_REMINDER_AFTER: duration.default('3d'),
    INVITATION_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(100),
    INVITATION_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** R-E1: the warning mail goes out this long before an end date; EXPIRY_WARNING_PERIOD (a duration) wins over the days. */
    EXPIRY_WARNING_DAYS: z.coerce.number().int().min(0).default(7),
    EXPIRY_WARNING_PERIOD: duration.optional(),

    /** host:port where the worker serves Prometheus metrics (the SDK's and the operations'); unset: none. */
    WORKER_METRICS_ADDRESS: z
      .string()
      .regex(/^[\w.-]+:\d+$/, 'host:port, e.g. 0.0.0.0:9464')
      .optional(),
    INVITATION_RECIPIENT_LIMIT_PER_DAY: z.coerce.number().int().positive().default(5),
    INVITE_PAGE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
    APP_URL: z.string().url().optional(),
  })
  .merge(tracingSchema);

export type Environment = Record<string, string | undefined>;

/** Settings that depend on others; checked on the raw env so they are reported with every other problem. */
export function crossFieldProblems(env: Environment): string[] {
  const problems: string[] = [];
  const mode = env.AUTH_MODE ?? 'local';
  if (mode === 'local' && !env.AUTH_HS256_SECRET) problems.push('AUTH_HS256_SECRET: required when AUTH_MODE=local');
  if (mode === 'oidc') {
    for (const key of ['AUTH_ISSUER', 'AUTH_JWKS_URL']) if (!env[key]) problems.push(`${key}: required when AUTH_MODE=oidc`);
  }
  if (!!env.TEMPORAL_TLS_CERT_FILE !== !!env.TEMPORAL_TLS_KEY_FILE)
    problems.push('TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE: set both (mTLS) or neither');
  if (env.TEMPORAL_TLS === 'false' && (env.TEMPORAL_TLS_CA_FILE || env.TEMPORAL_TLS_CERT_FILE || env.TEMPORAL_API_KEY))
    problems.push('TEMPORAL_TLS: false contradicts the TLS files or API key that are set');
  if (env.NODE_ENV === 'production' && !env.INVITATION_TOKEN_SECRET) problems.push('INVITATION_TOKEN_SECRET: required in production');
  if (env.NODE_ENV === 'production' && !env.TEMPORAL_CODEC_KEYS) problems.push('TEMPORAL_CODEC_KEYS: required in production');
  if (env.AUTH_OIDC_CLIENT_ID && mode !== 'oidc') problems.push('AUTH_OIDC_CLIENT_ID: only with AUTH_MODE=oidc');
  return problems;
}

export function stripEmpty(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
