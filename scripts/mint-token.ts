/**
 * `npm run token -- <email>`: prints a bearer token for a user of the local database
 * (default alice@acme.test, seeded by `npm start`): signed in through the development
 * OpenID provider while `npm start` runs it (.data/oidc.json), else a local HS256 token
 * with the same secret as `npm start` (AUTH_MODE=local).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { signInWithCodeFlow } from '../libs/auth/code-flow-client';
import { signLocalToken } from '../libs/auth/local-tokens';
import { loadConfig } from '../libs/config/app-config';
import { User, normaliseEmail } from '../libs/persistence/entities';
import { ormOptions } from '../libs/persistence/orm-config';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const email = normaliseEmail(process.argv[2] ?? 'alice@acme.test');
  const oidcFile = join(root, '.data', 'oidc.json');
  if (process.env.AUTH_MODE !== 'local' && existsSync(oidcFile)) {
    const oidc = JSON.parse(readFileSync(oidcFile, 'utf8')) as { issuer: string; clientId: string; redirectUri: string; password: string };
    console.log((await signInWithCodeFlow({ ...oidc, email, password: oidc.password })).accessToken);
    return;
  }
  const secretFile = join(root, '.data', 'dev-secret');
  const secret = process.env.AUTH_HS256_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
  if (!secret) throw new Error('no AUTH_HS256_SECRET and no .data/dev-secret: run `npm start` once first');
  const config = loadConfig({ ...process.env, AUTH_HS256_SECRET: secret, SQLITE_PATH: process.env.SQLITE_PATH ?? join(root, '.data', 'app.sqlite') });
  const orm = await MikroORM.init(ormOptions(config.database));
  try {
    const user = await orm.em.fork().findOne(User, { email });
    if (!user) throw new Error(`no user ${email} in the database`);
    console.log(await signLocalToken(secret, { sub: user.id, email: user.email }));
  } finally {
    await orm.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
