/**
 * Invitations end to end (section 5): 1,000 invitations from `POST /workspaces/{id}/invitations`
 * (10 bulk requests of 100) until the SMTP server has received every email, through the
 * real API, worker, Temporal dev server, database and SMTP. Baseline, same run: the same
 * persistence (insert the invitation row, then store the token's hash) and the same SMTP
 * send, done directly without Temporal, 100 at a time (the worker's activity slots).
 * Figure: invitations per second; ratio = workflow rate / baseline rate (goal ≥ 0.5).
 *
 * A minimal in-process stack of its own (no shared bench stack existed when written).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client as PgClient } from 'pg';
import { ApiModule } from '../apps/api/api.module';
import { configureHttp } from '../apps/api/http/configure-http';
import { LoggingModule } from '../apps/api/http/logging.module';
import { createWorker } from '../apps/worker/create-worker';
import { WorkerModule } from '../apps/worker/worker.module';
import { signLocalToken } from '../libs/auth/local-tokens';
import { AppConfig } from '../libs/config/app-config';
import { ConfigModule } from '../libs/config/config.module';
import { hashInvitationToken, newInvitationToken } from '../libs/domain/invitations';
import { renderInvitationEmail } from '../libs/mail/invitation-email';
import { MailCatcher } from '../libs/mail/mail-catcher';
import { Mailer } from '../libs/mail/mailer';
import { Invitation, Organisation, User, Workspace } from '../libs/persistence/entities';
import { startDevServer } from '../libs/temporal/dev-server';
import { resolveTemporalCli } from '../libs/temporal/temporal-cli';
import { loadOrBundleWorkflows } from '../libs/temporal/workflow-bundle';
import type { Bench, BenchFigure } from './figures';
import { freePort } from '../libs/net/free-port';

const COUNT = Number(process.env.BENCH_INVITATIONS ?? 1000);
const BATCH = 100;
const CONCURRENCY = 100;
const SECRET = 'bench-only-secret-of-at-least-32-characters';

export async function invitationsBench(): Promise<Bench> {
  return { name: 'invitations', run };
}

async function run(): Promise<BenchFigure[]> {
  process.env.TEMPORAL_VERSION_CHECK_DISABLED = '1';
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // another bench of this run installed it
  }
  const dir = mkdtempSync(join(tmpdir(), 'collab-bench-'));
  const temporal = await startDevServer({ cli: resolveTemporalCli(), port: await freePort(), headless: true, logFile: join(dir, 'temporal.log') });
  const mail = await new MailCatcher().start({ httpPort: null });
  const database = await scratchDatabase(process.env.DATABASE_URL);
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HTTP_PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    AUTH_HS256_SECRET: SECRET,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
    DATABASE_URL: database?.url,
    SQLITE_PATH: join(dir, 'bench.sqlite'),
    SMTP_URL: mail.smtpUrl,
    INVITATION_RATE_LIMIT_PER_HOUR: String(COUNT * 10),
  };
  const quiet = new Writable({ write: (_c, _e, done) => done() });

  @Module({ imports: [ConfigModule.forRoot(env), LoggingModule.forRoot(quiet), ApiModule, WorkerModule] })
  class BenchRootModule {}

  const app = await NestFactory.create(BenchRootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttp(app);
  await app.listen(port, '127.0.0.1');
  const { worker, connection } = await createWorker(app, { workflowBundle: await loadOrBundleWorkflows() });
  const running = worker.run();
  const orm = app.get(MikroORM);
  const config = app.get(AppConfig);
  const base = `http://127.0.0.1:${port}`;
  try {
    const { user, token, workspaceId } = await anInviter(orm, base);

    // Warm-up: one invitation through every layer, so neither figure pays for first use.
    await inviteAll(base, token, workspaceId, [`warmup-${randomUUID()}@bench.example`], mail);

    const viaWorkflow = await measure(() =>
      inviteAll(
        base,
        token,
        workspaceId,
        Array.from({ length: COUNT }, (_, i) => `wf-${i}-${randomUUID().slice(0, 6)}@bench.example`),
        mail,
      ),
    );
    const direct = await measure(() => directBaseline(orm, app.get(Mailer), config, user.id, workspaceId, mail));

    const value = COUNT / viaWorkflow;
    const baseline = COUNT / direct;
    const ratio = value / baseline;
    return [{ name: 'invitations.end-to-end', value, baseline, ratio, unit: 'invitations/s', target: 'ratio >= 0.5', met: ratio >= 0.5 }];
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await app.close();
    await mail.stop();
    await temporal.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function anInviter(orm: MikroORM, base: string): Promise<{ user: User; token: string; workspaceId: string }> {
  const em = orm.em.fork();
  const organisation = new Organisation('Bench Org');
  const user = new User({ email: `inviter-${randomUUID().slice(0, 8)}@bench.example`, name: 'Bench Inviter', organisation, orgRoles: ['OrgAdmin'] });
  em.persist([organisation, user]);
  await em.flush();
  const token = await signLocalToken(SECRET, { sub: user.id, email: user.email });
  const res = await fetch(`${base}/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'Bench workspace' }) });
  if (res.status !== 201) throw new Error(`POST /workspaces answered ${res.status}: ${await res.text()}`);
  return { user, token, workspaceId: ((await res.json()) as { id: string }).id };
}

/** REST in bulk requests of 100, all in flight together; done when every email has arrived. */
async function inviteAll(base: string, token: string, workspaceId: string, emails: string[], mail: MailCatcher): Promise<void> {
  const expected = new Set(emails);
  const arrived = waitForAll(mail, expected);
  const batches = Array.from({ length: Math.ceil(emails.length / BATCH) }, (_, i) => emails.slice(i * BATCH, (i + 1) * BATCH));
  const started = process.hrtime.bigint();
  await Promise.all(
    batches.map(async (batch) => {
      const res = await fetch(`${base}/workspaces/${workspaceId}/invitations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ emails: batch, types: ['AnnotationPartner'], role: 'AnnotationManager', projectAccess: { mode: 'full' } }),
      });
      if (res.status !== 202) throw new Error(`POST invitations answered ${res.status}: ${await res.text()}`);
    }),
  );
  const answered = Number(process.hrtime.bigint() - started) / 1e9;
  await arrived;
  if (emails.length > 1) console.log(`  ${emails.length} invitations: every 202 after ${answered.toFixed(2)} s, every email after ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s`);
}

/** The same writes and the same SMTP send, directly: insert the row, store the token's hash, mail the link. */
async function directBaseline(orm: MikroORM, mailer: Mailer, config: AppConfig, inviterId: string, workspaceId: string, mail: MailCatcher): Promise<void> {
  const emails = Array.from({ length: COUNT }, (_, i) => `direct-${i}-${randomUUID().slice(0, 6)}@bench.example`);
  const arrived = waitForAll(mail, new Set(emails));
  let next = 0;
  const one = async (email: string) => {
    const em = orm.em.fork();
    const workspace = await em.findOneOrFail(Workspace, workspaceId);
    const inviter = await em.findOneOrFail(User, inviterId, { populate: ['organisation'] });
    const invitation = new Invitation({
      workspace,
      email,
      inviter,
      types: ['AnnotationPartner'],
      role: 'AnnotationManager',
      projectAccess: { mode: 'full' },
      tokenHash: hashInvitationToken(newInvitationToken(), config.invitations.tokenSecret),
      expiresAt: new Date(Date.now() + config.invitations.ttlMs),
      workflowId: `direct.${randomUUID()}`,
    });
    await em.persistAndFlush(invitation);
    const token = newInvitationToken();
    await orm.em.fork().nativeUpdate(Invitation, { id: invitation.id, status: 'pending' }, { tokenHash: hashInvitationToken(token, config.invitations.tokenSecret), lastSentAt: new Date() });
    await mailer.send(
      renderInvitationEmail({
        to: email,
        reason: 'invitation',
        inviterName: inviter.name,
        inviterOrganisation: inviter.organisation.name,
        workspaceName: workspace.name,
        types: invitation.types,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        link: `${config.http.publicBaseUrl}/invite/${token}`,
      }),
    );
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < emails.length) await one(emails[next++]);
    }),
  );
  await arrived;
}

/** Resolves once the SMTP server has received a mail for every expected address (polled: cheap, 20 ms resolution). */
async function waitForAll(mail: MailCatcher, expected: Set<string>): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const seen = new Set(mail.mails.flatMap((m) => m.to).filter((a) => expected.has(a)));
    if (seen.size === expected.size) return;
    if (Date.now() > deadline) throw new Error(`${expected.size - seen.size} emails still missing after 10 minutes`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function measure(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** With DATABASE_URL, a database of the bench's own beside it (dropped afterwards), never the one given. */
async function scratchDatabase(url: string | undefined): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!url) return undefined;
  const name = `collab_bench_${Date.now()}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new PgClient({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
