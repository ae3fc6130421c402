import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signInWithCodeFlow } from '../../libs/auth/code-flow-client';
import { Organisation, User, WorkspaceMember } from '../../libs/persistence/entities';
import { anOrganisation, aWorkspace, grantWorkforceAccess, manyUsers, waitForOperation } from '../support/factories';
import { ADMIN, PUBLIC_BASE_URL, REDIRECT_URI, Topology, startTopology } from './topology';
import { activityIdentities, killWorkerRunningBatch } from './worker-identities';

/** CI runs 20,000 (the figure); TOPOLOGY_USERS=2000 for a quicker local run. */
const USERS = Number(process.env.TOPOLOGY_USERS ?? 20_000);

/**
 * Issue 15 item 6: the deployed topology (docker-compose.yml) as processes, proven end to end.
 * Figures (each phase's seconds, add-all-users with and without the kill) go to
 * test/artifacts/topology.json and the log; they are reported, never asserted.
 */
describe('the compose topology as processes: real Temporal server on PostgreSQL, two APIs, two workers (issue 15)', () => {
  let t: Topology;
  const figures: Record<string, unknown> = { users: USERS };
  let signedIn: Promise<string> | undefined;
  const signIn = () =>
    (signedIn ??= signInWithCodeFlow({ issuer: t.oidc.issuer, clientId: t.oidc.clientId, redirectUri: REDIRECT_URI, ...ADMIN }).then((s) => s.accessToken));

  beforeAll(async () => {
    t = await startTopology();
    figures.phasesS = t.phases;
  });
  afterAll(async () => {
    writeFileSync(join('test', 'artifacts', 'topology.json'), JSON.stringify(figures, null, 2));
    console.log(`topology figures: ${JSON.stringify(figures)}`);
    await (t as Topology | undefined)?.stop();
  });

  it('R-A1 the bootstrapped admin signs in through the OpenID provider (no HS256 secret anywhere) and creates a workspace; both API processes serve it', async () => {
    const token = await signIn();
    const me = await t.apis[0].as(token).get('/organisations/me');
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(ADMIN.organisation);
    const ws = await aWorkspace(t.apis[1], token);
    const read = await t.apis[0].as(token).get(`/workspaces/${ws.id}`);
    expect({ status: read.status, name: read.body.name }).toEqual({ status: 200, name: ws.name });
  });

  it(`R-O3 add-all-users of ${USERS.toLocaleString('en')} users runs on both workers; a worker killed -9 mid-batch changes nothing in the result`, async () => {
    const token = await signIn();
    const owner = await t.orm.em.fork().findOneOrFail(Organisation, { name: ADMIN.organisation });
    const partner = await anOrganisation(t.orm, { users: 0 });
    await manyUsers(t.orm, partner.organisation, USERS);
    await grantWorkforceAccess(t.orm, owner, partner.organisation);

    const run = async (kill: boolean) => {
      const ws = await aWorkspace(t.apis[0], token);
      const invited = await t.apis[0]
        .as(token)
        .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['ProducerPartner'], projectAccess: { mode: 'full' } });
      expect((await waitForOperation(t.apis[0], token, invited.body.operationId, 120_000)).status).toBe('succeeded');
      const started = Date.now();
      const res = await t.apis[1].as(token).post(`/workspaces/${ws.id}/collaborators/${partner.organisation.id}/add-all-users`, { role: 'AnnotationManager' });
      expect(res.status).toBe(202);
      const killed = kill ? await killWorkerRunningBatch(t, res.body.operationId) : undefined;
      const op = await waitForOperation(t.apis[0], token, res.body.operationId, 900_000);
      const ms = Date.now() - started;
      const rows = await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, organisationId: partner.organisation.id });
      const audit = (await t.apis[1].as(token).get(`/workspaces/${ws.id}/audit?limit=200`)).body.items.filter(
        (e: { action: string }) => e.action === 'collaborator.all-users-added',
      );
      const identities = await activityIdentities(t, res.body.operationId);
      return { ms, op, rows, audit, identities, killed };
    };

    const calm = await run(false);
    const killed = await run(true);
    expect(killed.killed).toBeDefined();
    for (const r of [calm, killed]) {
      expect(r.op).toMatchObject({ status: 'succeeded', result: { added: USERS, alreadyMembers: 0, total: USERS } });
      expect(r.rows).toBe(USERS);
      expect(r.audit).toHaveLength(1);
      expect(r.audit[0].details).toMatchObject(r.op.result);
    }
    // Both replicas took activity tasks (identities name the pid; a killed worker's restart is the same replica).
    const replicas = new Set([...calm.identities, ...killed.identities].map((i) => i.replica));
    expect([...replicas].sort()).toEqual(['worker-1', 'worker-2']);
    Object.assign(figures, {
      addAllUsersWithoutKillMs: calm.ms,
      addAllUsersWithKillMs: killed.ms,
      killed: killed.killed,
      activitiesPerReplica: { withoutKill: countBy(calm.identities), withKill: countBy(killed.identities) },
    });
  });

  it('R-I2 an invitation sent through API process 1 is accepted through API process 2 (mail through a real SMTP receiver)', async () => {
    const token = await signIn();
    const ws = await aWorkspace(t.apis[0], token);
    const email = `invitee-${Date.now()}@partner.topology.test`;
    const sent = await t.apis[0]
      .as(token)
      .post(`/workspaces/${ws.id}/invitations`, { emails: [email], types: ['AnnotationPartner'], role: 'AnnotationManager', projectAccess: { mode: 'full' } });
    expect(sent.status).toBe(202);
    const mail = await t.mail.waitFor((m) => m.to.includes(email), 60_000);
    const link = new RegExp(`${PUBLIC_BASE_URL.replace(/[.]/g, '\\.')}(/invite/[A-Za-z0-9_-]+)`).exec(mail.text);
    expect(link).not.toBeNull();
    const page = await t.apis[1].get(link![1]);
    expect(page.status).toBe(200);
    expect(page.text).toContain(ws.name);
    const accepted = await t.apis[1].post(`${link![1]}/accept`, { name: 'Ida Invitee', organisationName: 'Invitee Org' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ workspaceId: ws.id, created: { user: true, organisation: true, collaborator: true, membership: true } });
    const user = await t.orm.em.fork().findOneOrFail(User, { email });
    expect(await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, user: user.id })).toBe(1);
    const op = await waitForOperation(t.apis[0], token, sent.body.items[0].operationId, 60_000);
    expect(op).toMatchObject({ status: 'succeeded', result: { invitations: [{ outcome: 'accepted', acceptedUserId: user.id }] } });
  });
});

function countBy(identities: Array<{ replica: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { replica } of identities) counts[replica] = (counts[replica] ?? 0) + 1;
  return counts;
}
