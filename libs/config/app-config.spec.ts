import { ConfigError, loadConfig, parseDuration } from './app-config';

const secret = 'x'.repeat(32);

describe('loadConfig', () => {
  it('builds the embedded defaults: SQLite and a local Temporal', () => {
    const config = loadConfig({ AUTH_HS256_SECRET: secret });
    expect(config.database).toEqual({ driver: 'sqlite', path: '.data/app.sqlite', migrate: true, migrationWaitMs: 300_000 });
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.invitations.ttlMs).toBe(7 * 86_400_000);
    expect(config.invitations.reminderAfterMs).toBe(3 * 86_400_000);
  });

  it('migrates at start in development, not in production unless DATABASE_MIGRATE says so (issue #15)', () => {
    const production = {
      AUTH_HS256_SECRET: secret,
      NODE_ENV: 'production',
      INVITATION_TOKEN_SECRET: secret,
      TEMPORAL_CODEC_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
    };
    expect(loadConfig({ AUTH_HS256_SECRET: secret, NODE_ENV: 'development' }).database.migrate).toBe(true);
    expect(loadConfig(production).database.migrate).toBe(false);
    expect(loadConfig({ ...production, DATABASE_MIGRATE: 'true' }).database.migrate).toBe(true);
    expect(loadConfig({ AUTH_HS256_SECRET: secret, DATABASE_MIGRATE: 'false' }).database.migrate).toBe(false);
    expect(loadConfig({ AUTH_HS256_SECRET: secret, DATABASE_MIGRATION_WAIT: '30s' }).database.migrationWaitMs).toBe(30_000);
  });

  it('switches to PostgreSQL when DATABASE_URL says so', () => {
    const config = loadConfig({ AUTH_HS256_SECRET: secret, DATABASE_URL: 'postgres://u:p@localhost/db' });
    expect(config.database).toMatchObject({ driver: 'postgresql', url: 'postgres://u:p@localhost/db' });
  });

  it('names every missing or bad setting', () => {
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: 'eighty', DATABASE_URL: 'mysql://x', INVITATION_TTL: 'a week' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    for (const name of ['HTTP_PORT', 'DATABASE_URL', 'INVITATION_TTL', 'AUTH_HS256_SECRET']) {
      expect(text).toContain(name);
    }
  });

  it('requires issuer and JWKS URL for OIDC', () => {
    expect(() => loadConfig({ AUTH_MODE: 'oidc' })).toThrow(/AUTH_ISSUER[\s\S]*AUTH_JWKS_URL/);
  });

  it('parses durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('15m')).toBe(900_000);
  });
});
