import { EntityManager } from '@mikro-orm/core';
import { Organisation, User, WorkforceAccess } from './entities';

/**
 * Demo tenants for a local start: ACME manages the workforce of Globex Data, which
 * lets an ACME admin invite Globex as a collaborator by selection (R-W6 b). Initech is a
 * stranger to both. Idempotent: an existing seed is returned as it is.
 */
export interface DemoSeed {
  acme: Organisation;
  globex: Organisation;
  initech: Organisation;
  users: Record<'alice' | 'bob' | 'dave' | 'erin' | 'ivan', User>;
}

export async function seedDemoData(em: EntityManager): Promise<DemoSeed> {
  return em.transactional(async (tx) => {
    const existing = await tx.findOne(User, { email: 'alice@acme.test' }, { populate: ['organisation'] });
    if (existing) return loadSeed(tx);
    const acme = new Organisation('ACME Corporation');
    const globex = new Organisation('Globex Data');
    const initech = new Organisation('Initech');
    const users = {
      alice: new User({ email: 'alice@acme.test', name: 'Alice Admin', organisation: acme, orgRoles: ['OrgAdmin', 'DataOwner'] }),
      bob: new User({ email: 'bob@acme.test', name: 'Bob Builder', organisation: acme, orgRoles: ['Member'] }),
      dave: new User({ email: 'dave@globex.test', name: 'Dave Data', organisation: globex, orgRoles: ['OrgAdmin'] }),
      erin: new User({ email: 'erin@globex.test', name: 'Erin Engineer', organisation: globex, orgRoles: ['Member'] }),
      ivan: new User({ email: 'ivan@initech.test', name: 'Ivan Initech', organisation: initech, orgRoles: ['OrgAdmin'] }),
    };
    tx.persist([acme, globex, initech, ...Object.values(users), new WorkforceAccess(acme, globex)]);
    return { acme, globex, initech, users };
  });
}

async function loadSeed(em: EntityManager): Promise<DemoSeed> {
  const byEmail = async (email: string) => em.findOneOrFail(User, { email }, { populate: ['organisation'] });
  const users = {
    alice: await byEmail('alice@acme.test'),
    bob: await byEmail('bob@acme.test'),
    dave: await byEmail('dave@globex.test'),
    erin: await byEmail('erin@globex.test'),
    ivan: await byEmail('ivan@initech.test'),
  };
  return { acme: users.alice.organisation, globex: users.dave.organisation, initech: users.ivan.organisation, users };
}
