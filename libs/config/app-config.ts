import { createHmac } from 'node:crypto';
import { z } from 'zod';

import { Environment, LOCAL_ISSUER, configSchema, crossFieldProblems, stripEmpty } from './environment';
import { TracingConfig, tracingOf } from './tracing-config';

export { DEFAULT_AUDIENCE, LOCAL_ISSUER, parseDuration, type Environment } from './environment';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The one typed configuration object. Every setting is read from the environment
 * (./environment.ts) and nowhere else; a bad or missing one fails start-up with a message naming it.
 * The class is the DI token, so nobody spells a string token.
 */
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
  readonly expiry!: { warningMs: number };
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
      ...authKeyOf(e),
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
    expiry: { warningMs: e.EXPIRY_WARNING_PERIOD ?? e.EXPIRY_WARNING_DAYS * 86_400_000 },
  };
  return Object.assign(new AppConfig(), config);
}

/** How tokens are checked; crossFieldProblems has already refused a mode without its secret or URL. */
function authKeyOf(e: z.infer<typeof configSchema>): { mode: 'local'; hs256Secret: string } | { mode: 'oidc'; jwksUrl: string } {
  if (e.AUTH_MODE === 'local' && e.AUTH_HS256_SECRET) return { mode: 'local', hs256Secret: e.AUTH_HS256_SECRET };
  if (e.AUTH_MODE === 'oidc' && e.AUTH_JWKS_URL) return { mode: 'oidc', jwksUrl: e.AUTH_JWKS_URL };
  throw new ConfigError([`AUTH_MODE=${e.AUTH_MODE}: its secret or key URL is missing`]);
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

/** Outside production a secret derived from the one the developer already set (32 bytes, hex). */
function derivedSecret(purpose: string, base: string | undefined): string {
  return createHmac('sha256', base ?? 'development-only-secret')
    .update(purpose)
    .digest('hex');
}
