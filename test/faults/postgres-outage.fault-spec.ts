import { freePort } from '../../libs/net/free-port';
import { TestApp, startTestApp } from '../support/test-app';
import { aWorkspaceWithPartner } from '../support/factories';
import { eventually } from '../support/eventually';
import { OwnCluster, expectUnavailable } from './outage-helpers';

/**
 * R-O2: PostgreSQL stopped (a cluster of this test's own, never the shared one): every
 * request that needs the database answers 503 with Retry-After, not 500; the same API
 * process answers again by itself once the cluster is back.
 */
describe('PostgreSQL stopped and started (R-O2)', () => {
  let cluster: OwnCluster;
  let t: TestApp;

  beforeAll(async () => {
    cluster = new OwnCluster(`edgefault${process.pid}`, await freePort());
    cluster.create();
    t = await startTestApp({ env: { DATABASE_URL: cluster.url, SQLITE_PATH: '' } });
  });
  afterAll(async () => {
    try {
      await t.close();
    } finally {
      cluster.drop();
    }
  });

  it('R-O2 PostgreSQL stopped: GET /workspaces, GET /operations/{id} and POST …/invitations answer 503; then recover', async () => {
    const { partner, as, ws, invited } = await aWorkspaceWithPartner(t, 2);

    cluster.stop();
    const during = {
      workspaces: await as.get('/workspaces'),
      operation: await as.get(`/operations/${invited.body.operationId}`),
      invitations: await as.post(`/workspaces/${ws.id}/invitations`, {
        emails: [`x-${Date.now()}@partner.example`],
        types: ['AnnotationPartner'],
        role: 'AnnotationManager',
        projectAccess: { mode: 'full' },
      }),
      addAllUsers: await as.post(`/workspaces/${ws.id}/collaborators/${partner.organisation.id}/add-all-users`, {}),
    };
    for (const reply of Object.values(during)) expectUnavailable(reply, /database/);

    cluster.start();
    const back = await eventually(
      () => as.get('/workspaces'),
      (r) => r.status === 200,
    );
    expect(back.status).toBe(200);
    expect((await as.get(`/operations/${invited.body.operationId}`)).status).toBe(200);
  });
});
