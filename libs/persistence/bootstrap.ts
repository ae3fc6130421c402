import { MikroORM } from '@mikro-orm/core';
import { isEmail } from 'class-validator';
import { isPostgres, withPostgresLock } from './migrate';
import { Organisation, User, normaliseEmail } from './entities';

export interface BootstrapInput {
  organisation: string;
  adminEmail: string;
  adminName?: string;
}

export interface BootstrapResult {
  organisation: { id: string; key: string; name: string; created: boolean };
  admin: { id: string; email: string; created: boolean; grantedOrgAdmin: boolean };
}

/** A refusal the operator can act on (the command prints it and exits non-zero). */
export class BootstrapError extends Error {}

/**
 * `npm run bootstrap`: makes sure the organisation NAME exists and ADMIN is its OrgAdmin,
 * so a fresh deployment has someone who can sign in (in OIDC mode the identity
 * provider's account with that email binds to this user on first sign-in). Idempotent:
 * a second run changes nothing; an existing member of the organisation is made OrgAdmin.
 * Refuses an email that already belongs to another organisation. Runs under a database
 * lock on PostgreSQL, so two runs at once create one organisation.
 */
export async function bootstrapOrganisation(orm: MikroORM, input: BootstrapInput): Promise<BootstrapResult> {
  const name = input.organisation.trim();
  const email = normaliseEmail(input.adminEmail);
  if (!name || name.length > 200) throw new BootstrapError('--organisation must be a name of 1 to 200 characters');
  if (!isEmail(email)) throw new BootstrapError('--admin must be an email address');
  const run = () => ensure(orm, name, email, input.adminName?.trim() || email.split('@')[0]);
  return isPostgres(orm) ? withPostgresLock(orm, 'collaboration:bootstrap', run) : run();
}

async function ensure(orm: MikroORM, name: string, email: string, adminName: string): Promise<BootstrapResult> {
  return orm.em.fork().transactional(async (em) => {
    const existing = await em.findOne(User, { email }, { populate: ['organisation'] });
    if (existing && existing.organisation.name !== name) {
      throw new BootstrapError(`${email} already belongs to another organisation; choose another admin email`);
    }
    const found = existing?.organisation ?? (await em.findOne(Organisation, { name }, { orderBy: { createdAt: 'asc' } }));
    const organisation = found ?? new Organisation(name);
    if (!found) em.persist(organisation);
    let admin = existing;
    let grantedOrgAdmin = false;
    if (!admin) {
      admin = new User({ email, name: adminName, organisation, orgRoles: ['OrgAdmin'] });
      em.persist(admin);
      grantedOrgAdmin = true;
    } else if (!admin.orgRoles.includes('OrgAdmin')) {
      admin.orgRoles = [...admin.orgRoles.filter((r) => r !== 'Member'), 'OrgAdmin'];
      grantedOrgAdmin = true;
    }
    await em.flush();
    return {
      organisation: { id: organisation.id, key: organisation.key, name: organisation.name, created: !found },
      admin: { id: admin.id, email: admin.email, created: !existing, grantedOrgAdmin },
    };
  });
}
