import { MikroORM } from '@mikro-orm/core';
import { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { ActivityDependencies, createActivities } from '../../activities';
import { AppConfig } from '../../libs/config/app-config';
import { temporalConnectionOptions } from '../../libs/temporal/connection-options';
import { Mailer } from '../../libs/mail/mailer';
import { dataConverterFor } from '../../libs/temporal/data-converter';

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
  const deps: ActivityDependencies = { orm: ctx.get(MikroORM), mailer: ctx.get(Mailer), config, ...opts.overrides };
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: opts.taskQueue ?? config.temporal.taskQueue,
    workflowBundle: opts.workflowBundle,
    activities: createActivities(deps),
    // Unset settings keep the SDK's defaults (WORKER_MAX_* in libs/config/app-config.ts).
    maxConcurrentActivityTaskExecutions: config.temporal.worker.maxConcurrentActivities,
    maxConcurrentWorkflowTaskExecutions: config.temporal.worker.maxConcurrentWorkflowTasks,
    maxCachedWorkflows: config.temporal.worker.maxCachedWorkflows,
    interceptors: opts.interceptors,
    dataConverter: dataConverterFor(config),
  });
  return { worker, connection };
}
