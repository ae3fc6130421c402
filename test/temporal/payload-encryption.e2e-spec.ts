import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { anEmail, anInviter, annotationPartner } from '../invitations/invitation-helpers';
import { anOrganisation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

const UI_ORIGIN = 'http://localhost:8233';

/** R-A2 against the real Temporal server: what its database and UI hold, and the codec endpoint. */
describe('personal data encrypted in Temporal (R-A2)', () => {
  let t: TestApp;
  let operator: { token: string };
  beforeAll(async () => {
    const placeholder = await startTestApp({ worker: false });
    const { users } = await anOrganisation(placeholder.orm);
    await placeholder.close();
    t = await startTestApp({ env: { TEMPORAL_UI_ORIGIN: UI_ORIGIN, TEMPORAL_CODEC_OPERATORS: users[0].email } });
    operator = { token: await t.tokenFor(users[0]) };
  });
  afterAll(() => t.close());

  /** The history as stored, read by a client that has no codec (as the UI or a database reader sees it). */
  const rawHistory = async (workflowId: string) => {
    const raw = new Client({ connection: t.client.connection, namespace: t.config.temporal.namespace });
    return raw.workflow.getHandle(workflowId).fetchHistory();
  };

  it('R-A2 the invitee email is absent from the raw history (the operation carries ids only), every payload is encrypted, and an operator reads them through the authenticated codec endpoint', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    expect(res.status).toBe(202);
    const workflowId = res.body.items[0].operationId as string;
    await t.mail.waitFor((m) => m.to.includes(email), 20_000);

    // The mail went out: wait until the task that sent it is in the history too.
    let history = await rawHistory(workflowId);
    for (let i = 0; i < 100 && history.events!.length <= 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      history = await rawHistory(workflowId);
    }
    // The history's bytes as the server stores them.
    const text = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
    expect(history.events!.length).toBeGreaterThan(4);
    expect(text).not.toContain(email);
    expect(text).not.toContain(email.split('@')[0]);
    expect(text).toContain('binary/encrypted');

    const input = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
    const body = {
      payloads: input.map((p) => ({
        metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
        data: Buffer.from(p.data!).toString('base64'),
      })),
    };
    const decoded = await t.http.request<any>('POST', '/codec/decode', body, { authorization: `Bearer ${operator.token}`, origin: UI_ORIGIN });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const plain = decoded.body.payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString('utf8')).join('');
    // Since the invitations rework (issue 9) the request's workflow carries invitation ids, never an address.
    expect(plain).toContain(res.body.items[0].invitationId as string);
    expect(plain).not.toContain(email);
    expect(Buffer.from(decoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');

    // Not an operator: as if there were no codec. No token: 401.
    const stranger = await t.http.as(token).post('/codec/decode', body);
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain(email);
    expect((await t.http.post('/codec/decode', body)).status).toBe(401);
  });

  it('R-A2 the codec endpoint answers CORS to the Temporal UI origin only', async () => {
    const preflight = (origin: string) =>
      t.http.request('OPTIONS', '/codec/decode', undefined, {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      });
    const ui = await preflight(UI_ORIGIN);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ui.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const decoded = await t.http.request(
      'POST',
      '/codec/decode',
      { payloads: [] },
      { authorization: `Bearer ${operator.token}`, origin: 'https://evil.example' },
    );
    expect(decoded.headers.get('access-control-allow-origin')).toBeNull();
  });
});
