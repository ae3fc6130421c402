import { MikroORM, OptimisticLockError } from '@mikro-orm/core';
import { ormOptions } from '../../libs/persistence/orm-config';
import { Collaborator, Organisation, Project, User, Workspace } from '../../libs/persistence/entities';
import { loadConfig } from '../../libs/config/app-config';

/**
 * Versioned entities (Collaborator, Project) guard concurrent operations. A flush with
 * nothing changed must not write: on SQLite a `'datetime'` type alias made every loaded
 * date look changed, bumping the version and failing concurrent readers for nothing.
 */
describe('optimistic locking on the real database', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    const config = loadConfig({ AUTH_HS256_SECRET: 'x'.repeat(32), DATABASE_URL: process.env.TEST_DATABASE_URL, SQLITE_PATH: process.env.TEST_SQLITE_PATH });
    orm = await MikroORM.init(ormOptions(config.database));
    await orm.migrator.up();
  });
  afterAll(() => orm.close());

  async function aCollaboratorAndProject() {
    const em = orm.em.fork();
    const org = new Organisation('Locking Org');
    const user = new User({ email: `lock-${org.id}@example.test`, name: 'L', organisation: org });
    const workspace = new Workspace('Locking', org);
    const collaborator = new Collaborator({ workspace, organisation: org, types: ['Owner'], projectAccess: 'full' });
    const project = new Project({ workspace, name: 'P', owner: user, organisation: org });
    await em.persist([org, user, workspace, collaborator, project]).flush();
    return { collaboratorId: collaborator.id, projectId: project.id };
  }

  it('a flush without changes leaves the version alone', async () => {
    const { collaboratorId, projectId } = await aCollaboratorAndProject();
    const em = orm.em.fork();
    const collaborator = await em.findOneOrFail(Collaborator, collaboratorId);
    const project = await em.findOneOrFail(Project, projectId);
    await em.flush();
    expect([collaborator.version, project.version]).toEqual([1, 1]);
  });

  it('a real concurrent change is still refused', async () => {
    const { collaboratorId } = await aCollaboratorAndProject();
    const first = await orm.em.fork().findOneOrFail(Collaborator, collaboratorId);
    const secondEm = orm.em.fork();
    const second = await secondEm.findOneOrFail(Collaborator, collaboratorId);
    const firstEm = orm.em.fork();
    const mine = await firstEm.findOneOrFail(Collaborator, first.id);
    mine.autoInvite = true;
    await firstEm.flush();
    second.autoInvite = false;
    second.types = ['Owner'];
    second.projectAccess = 'limited';
    await expect(secondEm.flush()).rejects.toBeInstanceOf(OptimisticLockError);
  });
});
