import { aProject, anOrganisation, waitForOperation, workspaceMembers } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { aProjectWorld } from '../../projects/project-world';
import type { Recording } from './recording';

/** A collaboration project of a fresh world, its admin's token, and a member who can take it over. */
async function projectOf(t: TestApp) {
  const w = await aProjectWorld(t);
  await workspaceMembers(t.orm, w.ws.id, [w.member]);
  const token = await w.token(w.admin);
  const project = await aProject(t.http, token, w.ws.id, { organisationProject: true, collaborationProject: true, reversible: true });
  return { ...w, token, project: project as { id: string } };
}

async function ended(t: TestApp, token: string, res: { status: number; body: { operationId?: string } }, status: string): Promise<string> {
  if (res.status !== 202 || !res.body.operationId) throw new Error(`expected 202 with an operation, got ${res.status}: ${JSON.stringify(res.body)}`);
  const op = await waitForOperation(t.http, token, res.body.operationId, 120_000);
  if (op.status !== status) throw new Error(`operation ${op.id} ended ${op.status}, expected ${status}: ${JSON.stringify(op.error)}`);
  return op.id;
}

export const projectRecordings: Recording[] = [
  {
    name: 'save-project-collaborators',
    covers: 'R-P1 collaborators saved, then the audit entry',
    run: async ({ t }) => {
      const p = await projectOf(t);
      const partner = await anOrganisation(t.orm);
      return ended(
        t,
        p.token,
        await t.http.as(p.token).post(`/projects/${p.project.id}/collaborators`, { collaborators: [{ key: partner.organisation.key, canReverse: true }] }),
        'succeeded',
      );
    },
  },
  {
    name: 'save-project-collaborators.failed',
    covers: 'R-P3 the save fails for good: no audit entry, the operation fails',
    run: async ({ t, faults }) => {
      const p = await projectOf(t);
      const partner = await anOrganisation(t.orm);
      faults.failStep = 'saveProjectCollaborators';
      try {
        return await ended(
          t,
          p.token,
          await t.http.as(p.token).post(`/projects/${p.project.id}/collaborators`, { collaborators: [{ key: partner.organisation.key }] }),
          'failed',
        );
      } finally {
        faults.failStep = undefined;
      }
    },
  },
  {
    name: 'transfer-ownership',
    covers: 'R-S4, R-S5 handed over to a user without a share (one is created), the previous owner leaves',
    run: async ({ t }) => {
      const p = await projectOf(t);
      return ended(
        t,
        p.token,
        await t.http.as(p.token).post(`/projects/${p.project.id}/transfer-ownership`, { newOwnerId: p.member.id, leave: true }),
        'succeeded',
      );
    },
  },
  {
    name: 'transfer-ownership.keep-share',
    covers: 'R-S4 handed over to a user who has a share already; the previous owner keeps a full share',
    run: async ({ t }) => {
      const p = await projectOf(t);
      const shared = await t.http.as(p.token).post(`/projects/${p.project.id}/shares`, { userId: p.member.id, permissions: ['view', 'edit'] });
      if (shared.status !== 201) throw new Error(`sharing answered ${shared.status}`);
      return ended(t, p.token, await t.http.as(p.token).post(`/projects/${p.project.id}/transfer-ownership`, { newOwnerId: p.member.id }), 'succeeded');
    },
  },
  {
    name: 'transfer-ownership-compensated',
    covers: 'R-S7 the last step fails: every compensation runs in reverse, the operation fails',
    run: async ({ t, faults }) => {
      const p = await projectOf(t);
      faults.failStep = 'recordOwnershipTransfer';
      try {
        return await ended(t, p.token, await t.http.as(p.token).post(`/projects/${p.project.id}/transfer-ownership`, { newOwnerId: p.member.id }), 'failed');
      } finally {
        faults.failStep = undefined;
      }
    },
  },
];
