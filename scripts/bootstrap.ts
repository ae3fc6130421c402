/**
 * `npm run bootstrap -- --organisation NAME --admin EMAIL [--name "Admin Name"]`:
 * creates the first organisation and its OrgAdmin on the configured database (after
 * `npm run migrate`). Idempotent. Prints what it did and how the admin signs in.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { parseArgs } from 'node:util';
import { loadDatabaseConfig } from '../libs/config/app-config';
import { BootstrapError, bootstrapOrganisation } from '../libs/persistence/bootstrap';
import { pendingMigrations } from '../libs/persistence/migrate';
import { ormOptions } from '../libs/persistence/orm-config';

const USAGE = 'usage: npm run bootstrap -- --organisation NAME --admin EMAIL [--name "Admin Name"]';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { organisation: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' } } });
  if (!values.organisation || !values.admin) throw new BootstrapError(USAGE);
  const orm = await MikroORM.init(ormOptions(loadDatabaseConfig()));
  try {
    const pending = await pendingMigrations(orm);
    if (pending.length) throw new BootstrapError(`the database lacks ${pending.length} migration(s); run \`npm run migrate\` first`);
    const r = await bootstrapOrganisation(orm, { organisation: values.organisation, adminEmail: values.admin, adminName: values.name });
    console.log(
      `organisation "${r.organisation.name}" ${r.organisation.created ? 'created' : 'already there'} (id ${r.organisation.id}, key ${r.organisation.key})`,
    );
    const adminState = r.admin.created ? 'created as OrgAdmin' : r.admin.grantedOrgAdmin ? 'made OrgAdmin' : 'already OrgAdmin';
    console.log(`admin ${r.admin.email} ${adminState} (id ${r.admin.id})`);
    console.log(
      process.env.AUTH_MODE === 'oidc'
        ? `sign in through your identity provider as ${r.admin.email}; the account binds to this user on first sign-in`
        : `local auth: \`npm run token -- ${r.admin.email}\` (with the same AUTH_HS256_SECRET) prints a bearer token`,
    );
  } finally {
    await orm.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(e instanceof BootstrapError ? 2 : 1);
});
