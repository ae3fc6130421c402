import { aProject, anOrganisation, aWorkspace, grantWorkforceAccess, manyUsers, waitForOperation, workspaceMembers } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { aProjectWorld } from '../../projects/project-world';
import { cancelOperation, holdBefore } from '../../operations/cancel-helpers';
import type { Recording, RecordingContext } from './recording';

/** R-O4: holds `step`, cancels the operation `start` began, releases the step; the operation must end cancelled. */
async function cancelledAt(ctx: RecordingContext, token: string, step: string, start: () => Promise<{ body: { operationId: string } }>): Promise<string> {
  const hold = holdBefore(ctx.faults, step, 'activity');
  try {
    const { operationId } = (await start()).body;
    await hold.reached();
    const cancel = await cancelOperation(ctx.t.http, token, operationId);
    if (cancel.status !== 202) throw new Error(`cancel answered ${cancel.status}: ${cancel.text}`);
    hold.release();
    const op = await waitForOperation(ctx.t.http, token, operationId, 120_000);
    if (op.status !== 'cancelled') throw new Error(`operation ${operationId} ended ${op.status}, expected cancelled`);
    return operationId;
  } finally {
    hold.release();
    ctx.faults.holdStep = undefined;
  }
}

async function workspaceWithPartner(t: TestApp) {
  const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }] });
  const partner = await anOrganisation(t.orm, { users: 0 });
  await manyUsers(t.orm, partner.organisation, 20);
  await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
  const token = await t.tokenFor(owner.users[0]);
  const ws = await aWorkspace(t.http, token);
  const invited = await t.http
    .as(token)
    .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['ProducerPartner'], projectAccess: { mode: 'full' } });
  await waitForOperation(t.http, token, invited.body.operationId);
  return { token, ws, partner };
}

export const cancelRecordings: Recording[] = [
  {
    name: 'add-all-users.cancelled',
    covers: 'R-O4 cancelled during a batch: the batch finishes, the cancellation is audited, the run ends cancelled',
    run: async (ctx) => {
      const s = await workspaceWithPartner(ctx.t);
      return cancelledAt(ctx, s.token, 'addMembersBatch', () =>
        ctx.t.http.as(s.token).post(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}/add-all-users`, { role: 'AnnotationManager' }),
      );
    },
  },
  {
    name: 'transfer-ownership.cancelled',
    covers: 'R-O4, R-S7 cancelled during moveOwnership: the step commits, compensations run in reverse, audited, ends cancelled',
    run: async (ctx) => {
      const w = await aProjectWorld(ctx.t);
      await workspaceMembers(ctx.t.orm, w.ws.id, [w.member]);
      const token = await w.token(w.admin);
      const project = await aProject(ctx.t.http, token, w.ws.id);
      return cancelledAt(ctx, token, 'moveOwnership', () =>
        ctx.t.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.member.id }),
      );
    },
  },
];
