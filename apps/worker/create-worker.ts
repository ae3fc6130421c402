import { MikroORM } from '@mikro-orm/core';
import { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Runtime, Worker, WorkerOptions } from '@temporalio/worker';
import { ActivityDependencies, createActivities } from '../../activities';
import { hostname } from 'node:os';
import { AppConfig } from '../../libs/config/app-config';
import { ActivityLogging } from '../../libs/temporal/activity-logging';
import { countingMailer } from '../../libs/temporal/mail-metrics';
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
  const deps: ActivityDependencies = { orm: ctx.get(MikroORM), mailer: countingMailer(ctx.get(Mailer), Runtime.instance().metricMeter), config, ...opts.overrides };
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const taskQueue = opts.taskQueue ?? config.temporal.taskQueue;
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    // Shown by the Temporal UI beside every task this worker ran (issue 11).
    identity: `collab-worker@${hostname()} pid ${process.pid} queue ${taskQueue}`,
    workflowBundle: opts.workflowBundle,
    activities: createActivities(deps),
    interceptors: { ...opts.interceptors, activity: [...(opts.interceptors?.activity ?? []), (ctx) => ({ inbound: new ActivityLogging(ctx) })] },
    dataConverter: dataConverterFor(config),
  });
  return { worker, connection };
}
