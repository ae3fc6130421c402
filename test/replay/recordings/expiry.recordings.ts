import { anOrganisation, aMember, aWorkspace, grantWorkforceAccess, waitForOperation } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import type { Recording } from './recording';

/**
 * R-E1's timers. The recorder's app warns EXPIRY_WARNING_PERIOD (2s) before an end date
 * (record-histories.e2e-spec.ts), so an end date seconds away runs a whole timer.
 */
async function partnerInWorkspace(t: TestApp, expiresAt?: string) {
  const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }] });
  const partner = await anOrganisation(t.orm, { users: 2 });
  await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
  const token = await t.tokenFor(owner.users[0]);
  const ws = await aWorkspace(t.http, token);
  const res = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, {
    organisationId: partner.organisation.id,
    types: ['DataPartner'],
    projectAccess: { mode: 'full' },
    expiresAt,
  });
  const invited = await waitForOperation(t.http, token, res.body.operationId, 60_000);
  if (invited.status !== 'succeeded') throw new Error(`invite ended ${invited.status}`);
  for (const u of partner.users) await aMember(t.orm, ws.id, u, ['Developer']);
  return { owner, partner, token, ws, inviteId: invited.id as string };
}

async function closed(t: TestApp, token: string, id: string): Promise<string> {
  const op = await waitForOperation(t.http, token, id, 60_000);
  if (op.status !== 'succeeded') throw new Error(`${id} ended ${op.status}`);
  return id;
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

export const expiryRecordings: Recording[] = [
  {
    name: 'invite-organisation.with-end-date',
    covers: 'R-E1 an organisation invited with an end date starts its timer (patched)',
    run: async ({ t }) => (await partnerInWorkspace(t, inSeconds(3600))).inviteId,
  },
  {
    name: 'access-expiry.member-removed',
    covers: 'R-E1 a member warned, then removed at the end date',
    run: async ({ t }) => {
      const s = await partnerInWorkspace(t);
      const res = await t.http.as(s.token).patch(`/workspaces/${s.ws.id}/members/${s.partner.users[0].id}`, { expiresAt: inSeconds(5) });
      return closed(t, s.token, res.body.expiryOperationId);
    },
  },
  {
    name: 'access-expiry.moved-then-cleared',
    covers: 'R-E1 an end date moved (reschedule signal), then cleared',
    run: async ({ t }) => {
      const s = await partnerInWorkspace(t);
      const path = `/workspaces/${s.ws.id}/members/${s.partner.users[0].id}`;
      const res = await t.http.as(s.token).patch(path, { expiresAt: inSeconds(3600) });
      await t.http.as(s.token).patch(path, { expiresAt: inSeconds(7200) });
      await t.http.as(s.token).patch(path, { expiresAt: null });
      return closed(t, s.token, res.body.expiryOperationId);
    },
  },
  {
    name: 'access-expiry.collaborator-removed',
    covers: 'R-E1 a collaborator organisation warned, then removed by R-W11 as a child',
    run: async ({ t }) => {
      const s = await partnerInWorkspace(t);
      const res = await t.http.as(s.token).patch(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`, { expiresAt: inSeconds(5) });
      return closed(t, s.token, res.body.operationId);
    },
  },
];
