import { MikroORM } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { OrgRole } from '../../libs/domain/roles';
import { Organisation, User, WorkforceAccess } from '../../libs/persistence/entities';
import type { Http } from './http';

/**
 * Test data. Each test builds its own tenants (unique names and emails), so tests run in
 * any order against one database.
 */
export interface AnOrganisation {
  organisation: Organisation;
  users: User[];
}

export async function anOrganisation(orm: MikroORM, opts: { name?: string; users?: Array<{ orgRoles?: OrgRole[]; name?: string }> | number } = {}): Promise<AnOrganisation> {
  const em = orm.em.fork();
  const tag = randomUUID().slice(0, 8);
  const organisation = new Organisation(opts.name ?? `Org ${tag}`);
  const specs = typeof opts.users === 'number' ? Array.from({ length: opts.users }, () => ({})) : (opts.users ?? [{ orgRoles: ['OrgAdmin'] }]);
  const users = specs.map(
    (spec: { orgRoles?: OrgRole[]; name?: string }, i) =>
      new User({ email: `user${i}-${tag}@example.test`, name: spec.name ?? `User ${i} ${tag}`, organisation, orgRoles: spec.orgRoles ?? ['Member'] }),
  );
  em.persist([organisation, ...users]);
  await em.flush();
  return { organisation, users };
}

export async function grantWorkforceAccess(orm: MikroORM, manager: Organisation, managed: Organisation): Promise<void> {
  const em = orm.em.fork();
  em.persist(new WorkforceAccess(em.getReference(Organisation, manager.id), em.getReference(Organisation, managed.id)));
  await em.flush();
}

/** A workspace created through the API; its creator is its first Admin. */
export async function aWorkspace(http: Http, token: string, name = `Workspace ${randomUUID().slice(0, 8)}`): Promise<{ id: string; name: string }> {
  const res = await http.as(token).post('/workspaces', { name });
  if (res.status !== 201) throw new Error(`creating a workspace answered ${res.status}: ${res.text}`);
  return res.body;
}

/** Polls GET /operations/{id} until the operation is no longer running. */
export async function waitForOperation(http: Http, token: string, operationId: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.as(token).get(`/operations/${encodeURIComponent(operationId)}`);
    if (res.status !== 200) throw new Error(`GET /operations answered ${res.status}: ${res.text}`);
    if (res.body.status !== 'running') return res.body;
    if (Date.now() > deadline) throw new Error(`operation ${operationId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
