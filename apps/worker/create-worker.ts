import { MikroORM } from '@mikro-orm/core';
import { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Runtime, Worker, WorkerOptions } from '@temporalio/worker';
import { ActivityDependencies, createActivities } from '../../activities';
import { hostname } from 'node:os';
import { AppConfig } from '../../libs/config/app-config';
import { ActivityLogging } from '../../libs/temporal/activity-logging';
import { countingMailer } from '../../libs/temporal/mail-metrics';
import { temporalConnectionOptions } from '../../libs/temporal/connection-options';
import { Mailer } from '../../libs/mail/mailer';
import { dataConverterFor } from '../../libs/temporal/data-converter';
import { activityTracingInterceptors, workflowTracingSinks } from '../../libs/tracing/temporal-tracing';

export interface RunningWorker {
  worker: Worker;
  connection: NativeConnection;
}

/** Builds the Temporal worker with activities wired from Nest's container. */
export async function createWorker(
  ctx: INestApplicationContext,
  opts: { workflowBundle: { code: string }; overrides?: Partial<ActivityDependencies>; taskQueue?: string; interceptors?: WorkerOptions['interceptors'] },
): Promise<RunningWorker> {
  const config = ctx.get(AppConfig);
  const deps: ActivityDependencies = {
    orm: ctx.get(MikroORM),
    mailer: countingMailer(ctx.get(Mailer), Runtime.instance().metricMeter),
    config,
    ...opts.overrides,
  };
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const taskQueue = opts.taskQueue ?? config.temporal.taskQueue;
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    // Shown by the Temporal UI beside every task this worker ran (issue 11).
    identity: `collab-worker@${hostname()} pid ${process.pid} queue ${taskQueue}`,
    workflowBundle: opts.workflowBundle,
    activities: createActivities(deps),
    // Unset settings keep the SDK's defaults (WORKER_MAX_* in libs/config/app-config.ts).
    maxConcurrentActivityTaskExecutions: config.temporal.worker.maxConcurrentActivities,
    maxConcurrentWorkflowTaskExecutions: config.temporal.worker.maxConcurrentWorkflowTasks,
    maxCachedWorkflows: config.temporal.worker.maxCachedWorkflows,
    // Tracing first (outermost), so the activity's log lines are inside its span.
    interceptors: {
      ...opts.interceptors,
      activity: [...activityTracingInterceptors(), ...(opts.interceptors?.activity ?? []), (ctx) => ({ inbound: new ActivityLogging(ctx) })],
    },
    sinks: workflowTracingSinks(),
    dataConverter: dataConverterFor(config),
  });
  return { worker, connection };
}
