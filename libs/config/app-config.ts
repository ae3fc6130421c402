import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { TracingConfig, tracingOf, tracingSchema } from './tracing-config';

/**
 * The one typed configuration object. Every setting is read from the environment here
 * and nowhere else; a bad or missing one fails start-up with a message naming it.
 */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 500ms, 30s, 15m, 3h or 7d')
  .transform(parseDuration);

/** The issuer of the tokens `npm run token` and the tests mint in AUTH_MODE=local. */
export const LOCAL_ISSUER = 'collaboration-service-local';
export const DEFAULT_AUDIENCE = 'collaboration-api';

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

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Class used as the DI token, so nobody spells a string token. */
export class AppConfig {
  readonly env!: 'development' | 'test' | 'production';
  readonly logLevel!: string;
  readonly http!: { port: number; publicBaseUrl: string };
  readonly database!:
    | { driver: 'sqlite'; path: string; migrate: boolean; migrationWaitMs: number }
    | { driver: 'postgresql'; url: string; migrate: boolean; migrationWaitMs: number };
  readonly temporal!: {
    address: string;
    namespace: string;
    taskQueue: string;
    workflowBundlePath?: string;
    /** Undefined: plaintext. Set by TEMPORAL_TLS, any TEMPORAL_TLS_* file, or an API key. */
    tls?: { caFile?: string; certFile?: string; keyFile?: string; serverName?: string };
    apiKey?: string;
    /** Unset: the SDK's defaults. */
    worker: { maxConcurrentActivities?: number; maxConcurrentWorkflowTasks?: number; maxCachedWorkflows?: number };
  };
  readonly auth!: ({ mode: 'local'; hs256Secret: string } | { mode: 'oidc'; jwksUrl: string }) & {
    issuer: string;
    audience: string;
    maxTokenAgeS: number;
    /** Set when the API signs browsers in through the provider (authorization code + PKCE). */
    oidcClientId?: string;
    sessionSecret: string;
  };
  readonly codec!: { keys: string; uiOrigin?: string; operators: string[] };
  readonly mail!: { smtpUrl: string; from: string };
  readonly invitations!: {
    ttlMs: number;
    reminderAfterMs: number;
    rateLimitPerHour: number;
    /** R-I6: mails to one address in 24 hours, all inviters together. */
    recipientLimitPerDay: number;
    /** Requests a minute one client may make to the public /invite/… pages. */
    pageLimitPerMinute: number;
    tokenSecret: string;
    /** Where an invitee goes after accepting (sign in): APP_URL, else PUBLIC_BASE_URL. */
    appUrl: string;
  };
  readonly observability!: { workerMetricsAddress?: string; tracing: TracingConfig };
}

export function loadConfig(env: Environment = process.env): AppConfig {
  const raw = stripEmpty(env);
  const parsed = configSchema.safeParse(raw);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)), ...crossFieldProblems(raw)];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const config: AppConfig = {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { port: e.HTTP_PORT, publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, '') },
    database: databaseOf(e),
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
      tls: temporalTlsOf(e),
      apiKey: e.TEMPORAL_API_KEY,
      worker: {
        maxConcurrentActivities: e.WORKER_MAX_CONCURRENT_ACTIVITIES,
        maxConcurrentWorkflowTasks: e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
        maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      },
    },
    auth: {
      // Both required for their mode (crossFieldProblems): never empty here.
      ...(e.AUTH_MODE === 'local'
        ? { mode: 'local' as const, hs256Secret: e.AUTH_HS256_SECRET ?? '' }
        : { mode: 'oidc' as const, jwksUrl: e.AUTH_JWKS_URL ?? '' }),
      issuer: e.AUTH_ISSUER ?? LOCAL_ISSUER,
      audience: e.AUTH_AUDIENCE,
      maxTokenAgeS: Math.floor(e.AUTH_MAX_TOKEN_AGE / 1000),
      oidcClientId: e.AUTH_OIDC_CLIENT_ID,
      sessionSecret: e.AUTH_SESSION_SECRET ?? derivedSecret('session', e.AUTH_HS256_SECRET ?? e.INVITATION_TOKEN_SECRET),
    },
    codec: {
      keys:
        e.TEMPORAL_CODEC_KEYS ??
        `dev:${Buffer.from(derivedSecret('temporal-codec', e.AUTH_HS256_SECRET ?? e.INVITATION_TOKEN_SECRET), 'hex').toString('base64')}`,
      uiOrigin: e.TEMPORAL_UI_ORIGIN?.replace(/\/$/, ''),
      operators: e.TEMPORAL_CODEC_OPERATORS.split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    invitations: {
      ttlMs: e.INVITATION_TTL,
      reminderAfterMs: e.INVITATION_REMINDER_AFTER,
      rateLimitPerHour: e.INVITATION_RATE_LIMIT_PER_HOUR,
      recipientLimitPerDay: e.INVITATION_RECIPIENT_LIMIT_PER_DAY,
      pageLimitPerMinute: e.INVITE_PAGE_LIMIT_PER_MINUTE,
      appUrl: (e.APP_URL ?? e.PUBLIC_BASE_URL).replace(/\/$/, ''),
      // Outside production the token hash is keyed by the auth secret, so a developer
      // has one secret fewer to set; production must name its own (checked above).
      tokenSecret: e.INVITATION_TOKEN_SECRET ?? e.AUTH_HS256_SECRET ?? 'development-only-invitation-secret',
    },
    observability: { workerMetricsAddress: e.WORKER_METRICS_ADDRESS, tracing: tracingOf(e) },
  };
  return Object.assign(new AppConfig(), config);
}

function temporalTlsOf(e: z.infer<typeof configSchema>): AppConfig['temporal']['tls'] {
  const files = {
    caFile: e.TEMPORAL_TLS_CA_FILE,
    certFile: e.TEMPORAL_TLS_CERT_FILE,
    keyFile: e.TEMPORAL_TLS_KEY_FILE,
    serverName: e.TEMPORAL_TLS_SERVER_NAME,
  };
  const wanted = e.TEMPORAL_TLS ?? (Object.values(files).some(Boolean) || !!e.TEMPORAL_API_KEY);
  return wanted ? Object.fromEntries(Object.entries(files).filter(([, v]) => v)) : undefined;
}

const databaseSchema = configSchema.pick({ NODE_ENV: true, DATABASE_URL: true, SQLITE_PATH: true, DATABASE_MIGRATE: true, DATABASE_MIGRATION_WAIT: true });

function databaseOf(e: z.infer<typeof databaseSchema>): AppConfig['database'] {
  const common = { migrate: e.DATABASE_MIGRATE ?? e.NODE_ENV !== 'production', migrationWaitMs: e.DATABASE_MIGRATION_WAIT };
  return e.DATABASE_URL ? { driver: 'postgresql', url: e.DATABASE_URL, ...common } : { driver: 'sqlite', path: e.SQLITE_PATH, ...common };
}

/** Only the database settings: for operator commands (`npm run migrate`, `npm run bootstrap`) that need nothing else. */
export function loadDatabaseConfig(env: Environment = process.env): AppConfig['database'] {
  const parsed = databaseSchema.safeParse(stripEmpty(env));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  return databaseOf(parsed.data);
}

/** Settings that depend on others; checked on the raw env so they are reported with every other problem. */
function crossFieldProblems(env: Environment): string[] {
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

function stripEmpty(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

/** Outside production a secret derived from the one the developer already set (32 bytes, hex). */
function derivedSecret(purpose: string, base: string | undefined): string {
  return createHmac('sha256', base ?? 'development-only-secret')
    .update(purpose)
    .digest('hex');
}

export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
