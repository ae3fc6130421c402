import { MikroORM } from '@mikro-orm/core';
import { SearchAttr } from '../../libs/operations/search-attributes';
import { MEMBER_BATCH_SIZE, workspaceOperationIds } from '../../libs/operations/workspace-operations';
import { Collaborator, Organisation, User, Workspace, WorkspaceMember } from '../../libs/persistence/entities';
import { aMember, anOrganisation, aWorkspace, aWorkspaceWithPartner, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { addAllUsersWorkflow } from '../../workflows/add-all-users.workflow';

const USERS = 10_000;

/** R-W10: add all existing users, in keyset batches of idempotent bulk inserts, continued as new. */
describe('add all existing users of a collaborator organisation (R-W10)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function partnerOf(users: number) {
    const w = await aWorkspaceWithPartner(t, users);
    return { ...w, path: w.addAllUsersPath };
  }

  /** Memberships of the organisation, and how many distinct users they belong to. */
  async function memberships(orm: MikroORM, workspaceId: string, organisationId: string): Promise<{ rows: number; users: number }> {
    const em = orm.em.fork();
    const rows = await em.count(WorkspaceMember, { workspace: workspaceId, organisationId });
    const conn = em.getConnection() as unknown as { execute: (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>> };
    const [row] = await conn.execute('select count(distinct user_id) as n from workspace_members where workspace_id = ? and organisation_id = ?', [
      workspaceId,
      organisationId,
    ]);
    return { rows, users: Number(row.n) };
  }

  it(`R-W10 adds ${USERS.toLocaleString('en')} users once; running it again adds nobody`, async () => {
    const { partner, token, ws, path } = await partnerOf(USERS);
    const first = await t.http.as(token).post(path, { role: 'AnnotationManager' });
    expect(first.status).toBe(202);
    expect(first.body.operationId).toBe(workspaceOperationIds.addAllUsers(ws.id, partner.organisation.id));
    const op = await waitForOperation(t.http, token, first.body.operationId, 120_000);
    expect(op).toMatchObject({ kind: 'add-all-users', status: 'succeeded', result: { added: USERS, alreadyMembers: 0, total: USERS } });
    expect(await memberships(t.orm, ws.id, partner.organisation.id)).toEqual({ rows: USERS, users: USERS });

    const second = await t.http.as(token).post(path, {});
    const again = await waitForOperation(t.http, token, second.body.operationId, 120_000);
    expect(again).toMatchObject({ status: 'succeeded', result: { added: 0, alreadyMembers: USERS, total: USERS } });
    expect(await memberships(t.orm, ws.id, partner.organisation.id)).toEqual({ rows: USERS, users: USERS });
    const sample = await t.orm.em
      .fork()
      .findOneOrFail(WorkspaceMember, { workspace: ws.id, organisationId: partner.organisation.id }, { orderBy: { id: 'asc' } });
    expect(sample.roles).toEqual(['AnnotationManager']);
    const audit = await t.http.as(token).get(`/workspaces/${ws.id}/audit?limit=200`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'collaborator.all-users-added')).toHaveLength(2);
  });

  it(`R-W10 leaves exactly one membership per user when the worker stops half-way and restarts`, async () => {
    const USERS = 4 * MEMBER_BATCH_SIZE; // four batches: the first is in when the worker stops, the last is not
    const { partner, token, ws, path } = await partnerOf(USERS);
    await aMember(t.orm, ws.id, await firstUserOf(partner.organisation.id), ['ProjectManager']);
    const res = await t.http.as(token).post(path, {});
    // Stop as soon as the first batch is in, while later ones are still to come.
    for (;;) {
      const op = await t.http.as(token).get(`/operations/${res.body.operationId}`);
      if (op.body.status !== 'running' || (op.body.progress?.done ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await t.stopWorker();
    const halfWay = await memberships(t.orm, ws.id, partner.organisation.id);
    await t.startWorker();
    const op = await waitForOperation(t.http, token, res.body.operationId, 120_000);
    expect(halfWay.rows).toBeGreaterThan(0);
    expect(halfWay.rows).toBeLessThan(USERS);
    expect(op).toMatchObject({ status: 'succeeded', result: { total: USERS } });
    const { added, alreadyMembers } = op.result as { added: number; alreadyMembers: number };
    expect(added + alreadyMembers).toBe(USERS);
    expect(await memberships(t.orm, ws.id, partner.organisation.id)).toEqual({ rows: USERS, users: USERS });
    // The member who was there before keeps its own role.
    const kept = await t.orm.em.fork().findOneOrFail(WorkspaceMember, { workspace: ws.id, user: await firstUserOf(partner.organisation.id) });
    expect(kept.roles).toEqual(['ProjectManager']);
  });

  it('R-W10 continues as new between batches and still adds every user exactly once', async () => {
    const { owner, partner, token, ws } = await partnerOf(USERS);
    const workflowId = workspaceOperationIds.addAllUsers(ws.id, partner.organisation.id);
    // Started directly with a small run length (the API keeps the default), as the REST layer would.
    await t.client.workflow.start(addAllUsersWorkflow, {
      taskQueue: t.config.temporal.taskQueue,
      workflowId,
      args: [
        {
          actor: { userId: owner.users[0].id, organisationId: owner.organisation.id },
          workspaceId: ws.id,
          organisationId: partner.organisation.id,
          role: 'ProjectManager',
          batchesPerRun: 1,
        },
      ],
      typedSearchAttributes: [{ key: SearchAttr.workspaceId, value: ws.id }],
    });
    const op = await waitForOperation(t.http, token, workflowId, 120_000);
    expect(op).toMatchObject({ status: 'succeeded', result: { added: USERS, alreadyMembers: 0, total: USERS } });
    expect(USERS / MEMBER_BATCH_SIZE).toBeGreaterThan(1);
    const description = await t.client.workflow.getHandle(workflowId).describe();
    expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    expect(await memberships(t.orm, ws.id, partner.organisation.id)).toEqual({ rows: USERS, users: USERS });
  });

  it('R-W10 is refused without workforce access to the organisation, and for a role its types do not allow', async () => {
    const owner = await anOrganisation(t.orm);
    const outsider = await anOrganisation(t.orm, { users: 3 });
    const token = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, token);
    // A collaborator that joined by an accepted email invitation: no workforce access to it.
    const em = t.orm.em.fork();
    em.persist(
      new Collaborator({
        workspace: em.getReference(Workspace, ws.id),
        organisation: em.getReference(Organisation, outsider.organisation.id),
        types: ['DataPartner'],
        projectAccess: 'full',
      }),
    );
    await em.flush();
    const refused = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators/${outsider.organisation.id}/add-all-users`, {});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', rule: 'R-W10' });
    expect(await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, organisationId: outsider.organisation.id })).toBe(0);

    await grantWorkforceAccess(t.orm, owner.organisation, outsider.organisation);
    const wrongRole = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/collaborators/${outsider.organisation.id}/add-all-users`, { role: 'AnnotationManager' });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body).toMatchObject({ rule: 'R-W2', field: 'role' });
    const ok = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators/${outsider.organisation.id}/add-all-users`, {});
    const op = await waitForOperation(t.http, token, ok.body.operationId);
    expect(op).toMatchObject({ status: 'succeeded', result: { added: 3 } });
    const members = await t.orm.em.fork().find(WorkspaceMember, { workspace: ws.id, organisationId: outsider.organisation.id });
    expect(members.map((m) => m.roles)).toEqual([['Developer'], ['Developer'], ['Developer']]); // the one role DataPartner allows
  });

  async function firstUserOf(organisationId: string) {
    return t.orm.em.fork().findOneOrFail(User, { organisation: organisationId }, { orderBy: { id: 'asc' } });
  }
});
