import type { User } from '../../libs/persistence/entities';
import { AnOrganisation, anOrganisation, aWorkspace } from '../support/factories';
import type { TestApp } from '../support/test-app';

/**
 * One owning organisation with an OrgAdmin (the workspace creator), a DataOwner and two
 * Members, and a workspace of it. Each test builds its own.
 */
export interface ProjectWorld {
  owner: AnOrganisation;
  admin: User;
  dataOwner: User;
  member: User;
  other: User;
  ws: { id: string; name: string };
  token: (user: User) => Promise<string>;
}

export async function aProjectWorld(t: TestApp): Promise<ProjectWorld> {
  const owner = await anOrganisation(t.orm, {
    users: [{ orgRoles: ['OrgAdmin'] }, { orgRoles: ['DataOwner'] }, { orgRoles: ['Member'] }, { orgRoles: ['Member'] }],
  });
  const [admin, dataOwner, member, other] = owner.users;
  const ws = await aWorkspace(t.http, await t.tokenFor(admin));
  return { owner, admin, dataOwner, member, other, ws, token: (user) => t.tokenFor(user) };
}
