import { MikroORM } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { OrgRole, WorkspaceRole } from '../../libs/domain/roles';
import { Collaborator, Organisation, Project, ProjectAccessGrant, User, WorkforceAccess, Workspace, WorkspaceMember } from '../../libs/persistence/entities';
import type { Http } from './http';
import type { TestApp } from './test-app';

/**
 * Test data. Each test builds its own tenants (unique names and emails), so tests run in
 * any order against one database.
 */
export interface AnOrganisation {
  organisation: Organisation;
  users: User[];
}

export async function anOrganisation(
  orm: MikroORM,
  opts: { name?: string; users?: Array<{ orgRoles?: OrgRole[]; name?: string }> | number } = {},
): Promise<AnOrganisation> {
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
    // R-O2: a 503 says "retry": an overloaded machine may miss the Temporal deadline once.
    if (res.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    if (res.status !== 200) throw new Error(`GET /operations answered ${res.status}: ${res.text}`);
    if (res.body.status !== 'running') return res.body;
    if (Date.now() > deadline) throw new Error(`operation ${operationId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- Projects (issue 5) ----

/** A project created through the API by `token`'s user in `workspaceId` (201). */
export async function aProject(
  http: Http,
  token: string,
  workspaceId: string,
  body: { name?: string; organisationProject?: boolean; collaborationProject?: boolean; reversible?: boolean } = {},
): Promise<any> {
  const res = await http.as(token).post(`/workspaces/${workspaceId}/projects`, { name: `Project ${randomUUID().slice(0, 8)}`, ...body });
  if (res.status !== 201) throw new Error(`creating a project answered ${res.status}: ${res.text}`);
  return res.body;
}

/**
 * Makes `users` members of a workspace straight in the database (the members API is not
 * what these tests are about). When `projectAccess` is given, their organisation becomes a
 * collaborator of the workspace with that access (R-W8) unless it is one already.
 */
export async function workspaceMembers(
  orm: MikroORM,
  workspaceId: string,
  users: User[],
  opts: { roles?: WorkspaceRole[]; projectAccess?: 'full' | string[] } = {},
): Promise<void> {
  const em = orm.em.fork();
  const workspace = em.getReference(Workspace, workspaceId);
  for (const user of users) {
    const loaded = await em.findOneOrFail(User, user.id, { populate: ['organisation'] });
    em.persist(new WorkspaceMember(workspace, loaded, opts.roles ?? ['Developer']));
  }
  if (opts.projectAccess) {
    const organisations = [...new Set(users.map((u) => u.organisation.id))];
    for (const organisationId of organisations) {
      if (await em.count(Collaborator, { workspace: workspaceId, organisation: organisationId })) continue;
      const collaborator = new Collaborator({
        workspace,
        organisation: em.getReference(Organisation, organisationId),
        types: ['DataPartner'],
        projectAccess: opts.projectAccess === 'full' ? 'full' : 'limited',
      });
      em.persist(collaborator);
      if (opts.projectAccess !== 'full')
        for (const projectId of opts.projectAccess) em.persist(new ProjectAccessGrant(collaborator, em.getReference(Project, projectId)));
    }
  }
  await em.flush();
}

/**
 * Many users of one organisation in a few bulk INSERTs (R-W10 tests with 10,000 users):
 * one statement per 500 rows inside one transaction, not one entity at a time.
 */
export async function manyUsers(orm: MikroORM, organisation: Organisation, count: number): Promise<void> {
  const em = orm.em.fork() as unknown as import('@mikro-orm/knex').EntityManager;
  const tag = randomUUID().slice(0, 8);
  const now = new Date();
  await em.transactional(async (tx) => {
    // 500 rows a statement: knex writes SQLite multi-row inserts as a compound SELECT, capped at 500 terms.
    for (let from = 0; from < count; from += 500) {
      const rows = Array.from({ length: Math.min(500, count - from) }, (_, k) => ({
        id: randomUUID(),
        email: `bulk${from + k}-${tag}@example.test`,
        name: `Bulk ${from + k} ${tag}`,
        organisation: organisation.id,
        orgRoles: ['Member'] as OrgRole[],
        createdAt: now,
      }));
      await tx.createQueryBuilder(User).insert(rows).execute('run');
    }
  });
}

/** A project row straight through the ORM (the projects API is another issue's). */
export async function aProjectRow(orm: MikroORM, workspaceId: string, owner: User, name = `Project ${randomUUID().slice(0, 8)}`): Promise<{ id: string }> {
  const em = orm.em.fork();
  const project = new Project({
    workspace: em.getReference(Workspace, workspaceId),
    name,
    owner: em.getReference(User, owner.id),
    organisation: em.getReference(Organisation, owner.organisation.id),
  });
  await em.persist(project).flush();
  return { id: project.id };
}

/** A membership row straight through the ORM, for a user of an organisation that is already a collaborator. */
export async function aMember(orm: MikroORM, workspaceId: string, user: User, roles: WorkspaceRole[]): Promise<void> {
  const em = orm.em.fork();
  await em.persist(new WorkspaceMember(em.getReference(Workspace, workspaceId), await em.findOneOrFail(User, user.id), roles)).flush();
}

/**
 * R-W10 set-up: a workspace of an owner organisation with a partner organisation of
 * `partnerUsers` users invited as ProducerPartner with full project access, the owner
 * managing the partner's workforce. `ownerUsers` are the owner's users (the first is its
 * OrgAdmin and the workspace's Admin, whose token is returned).
 */
export async function aWorkspaceWithPartner(
  t: Pick<TestApp, 'orm' | 'http' | 'tokenFor'>,
  partnerUsers: number,
  ownerUsers: Array<{ orgRoles?: OrgRole[] }> = [{ orgRoles: ['OrgAdmin'] }],
) {
  const owner = await anOrganisation(t.orm, { users: ownerUsers });
  const partner = await anOrganisation(t.orm, { users: 0 });
  await manyUsers(t.orm, partner.organisation, partnerUsers);
  await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
  const token = await t.tokenFor(owner.users[0]);
  const as = t.http.as(token);
  const ws = await aWorkspace(t.http, token);
  const invited = await as.post(`/workspaces/${ws.id}/collaborators`, {
    organisationId: partner.organisation.id,
    types: ['ProducerPartner'],
    projectAccess: { mode: 'full' },
  });
  expect((await waitForOperation(t.http, token, invited.body.operationId)).status).toBe('succeeded');
  const addAllUsersPath = `/workspaces/${ws.id}/collaborators/${partner.organisation.id}/add-all-users`;
  return { owner, partner, token, as, ws, invited, addAllUsersPath };
}
