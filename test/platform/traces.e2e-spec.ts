import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { currentTracing } from '../../libs/tracing/tracing';
import { anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { OtlpReceiver, ReceivedSpan } from '../support/otlp-receiver';
import { TEST_AUTH_SECRET, TestApp, startTestApp } from '../support/test-app';
import { collectLines, jsonLines } from '../support/log-lines';

const SERVER = 2; // OTLP SpanKind
const root = join(__dirname, '..', '..');

/**
 * Issue 11: one REST request yields one connected trace across the API process (this
 * one) and a worker process, both exporting by OTLP/HTTP to a real receiver.
 */
describe('traces across processes (OpenTelemetry, OTLP)', () => {
  let receiver: OtlpReceiver;
  let t: TestApp;
  let worker: ChildProcess | undefined;
  const workerLines: string[] = [];

  beforeAll(async () => {
    receiver = await new OtlpReceiver().start();
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'collab-test' };
    t = await startTestApp({ worker: false, env: otel });
    const db = t.config.database;
    const child = spawn(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps/worker/main.ts')], {
      env: {
        ...process.env,
        ...otel,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        NODE_ENV: 'test',
        TEMPORAL_ADDRESS: t.config.temporal.address,
        TEMPORAL_TASK_QUEUE: t.config.temporal.taskQueue,
        WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE,
        DATABASE_URL: db.driver === 'postgresql' ? db.url : '',
        SQLITE_PATH: db.driver === 'sqlite' ? db.path : '',
        DATABASE_MIGRATE: 'false',
        AUTH_HS256_SECRET: TEST_AUTH_SECRET,
        SMTP_URL: t.mail.smtpUrl,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    worker = child;
    collectLines(child.stdout, workerLines);
    const deadline = Date.now() + 60_000;
    while (!workerLines.some((l) => l.includes('polling task queue'))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not start:\n${workerLines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    const w = worker;
    if (w && w.exitCode === null) {
      const exited = new Promise((r) => w.once('exit', r));
      w.kill('SIGTERM');
      await exited;
    }
    await t.close();
    await currentTracing()?.shutdown();
    await receiver.stop();
  });

  it('joins the HTTP request, StartWorkflow, the workflow run and every activity in one trace with correct parents', async () => {
    const owner = await anOrganisation(t.orm);
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const token = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, token);
    const requestId = `trace-${Date.now()}`;
    const res = await t.http
      .as(token)
      .request<any>(
        'POST',
        `/workspaces/${ws.id}/collaborators`,
        { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } },
        { 'x-request-id': requestId },
      );
    expect(res.status).toBe(202);
    const operationId: string = res.body.operationId;
    expect((await waitForOperation(t.http, token, operationId)).status).toBe('succeeded');

    // The activities the workflow really ran, from its history.
    const history = await t.client.workflow.getHandle(operationId).fetchHistory();
    const activities = (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(activities.length).toBeGreaterThan(0);

    await currentTracing()!.flush();
    const http = (spans: ReceivedSpan[]) => spans.find((s) => s.kind === SERVER && s.attributes['http.request.id'] === requestId);
    const spans = await receiver.until((all) => {
      const h = http(all);
      return (
        !!h &&
        all.filter((s) => s.traceId === h.traceId && s.name.startsWith('RunActivity:')).length === activities.length &&
        all.some((s) => s.traceId === h.traceId && s.name.startsWith('RunWorkflow:'))
      );
    });
    const request = http(spans)!;
    const trace = spans.filter((s) => s.traceId === request.traceId);
    const one = (name: string) => {
      const found = trace.filter((s) => s.name === name);
      expect(found.map((s) => s.name)).toEqual([name]);
      return found[0];
    };

    // The HTTP span: the root, named by route, in the API process.
    expect(request).toMatchObject({ service: 'collab-test-api', name: 'POST /workspaces/:workspaceId/collaborators', parentSpanId: undefined });
    expect(request.attributes).toMatchObject({ 'http.route': '/workspaces/:workspaceId/collaborators', 'http.response.status_code': 202 });
    const workflowType = trace.find((s) => s.name.startsWith('StartWorkflow:'))!.name.split(':')[1];
    const start = one(`StartWorkflow:${workflowType}`);
    expect(start).toMatchObject({ service: 'collab-test-api', parentSpanId: request.spanId });
    // The workflow run and its activities, in the worker process.
    const run = one(`RunWorkflow:${workflowType}`);
    expect(run).toMatchObject({ service: 'collab-test-worker', parentSpanId: start.spanId });
    const scheduled = trace.filter((s) => s.name.startsWith('StartActivity:'));
    const ran = trace.filter((s) => s.name.startsWith('RunActivity:'));
    expect(scheduled.map((s) => s.name.split(':')[1]).sort()).toEqual([...activities].sort());
    expect(ran.map((s) => s.name.split(':')[1]).sort()).toEqual([...activities].sort());
    for (const s of scheduled) expect(s).toMatchObject({ service: 'collab-test-worker', parentSpanId: run.spanId });
    for (const a of ran) {
      const parent = scheduled.find((s) => s.spanId === a.parentSpanId);
      expect(parent?.name).toBe(a.name.replace('RunActivity:', 'StartActivity:'));
      expect(a.service).toBe('collab-test-worker');
    }
    // Every span of the trace is one of these: nothing dangles, nothing else joined.
    expect(trace).toHaveLength(3 + scheduled.length + ran.length);

    // The log lines keep their request and operation ids, and name the trace.
    const apiLine = jsonLines(t.logs).find((l) => l.req?.id === requestId);
    expect(apiLine).toMatchObject({ operationId, trace_id: request.traceId });
    const activityLines = jsonLines(workerLines).filter((l) => l.operationId === operationId && l.msg === 'activity completed');
    expect(activityLines).toHaveLength(activities.length);
    for (const line of activityLines) expect(line).toMatchObject({ service: 'worker', workflowId: operationId, trace_id: request.traceId });
  });
});
