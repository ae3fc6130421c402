import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { AppConfig } from '../../libs/config/app-config';
import { temporalConnectionOptions } from '../../libs/temporal/connection-options';
import { RedactingConsoleLogger, redactingTemporalLogger } from '../../libs/logging/redacting-loggers';
import { ensureSearchAttributes } from '../../libs/temporal/search-attributes';
import { loadOrBundleWorkflows } from '../../libs/temporal/workflow-bundle';
import { createWorker } from './create-worker';
import { WorkerRootModule } from './worker-root.module';

/** The worker process: runs every workflow and activity until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  Runtime.install({ logger: redactingTemporalLogger('WARN'), shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const ctx = await NestFactory.createApplicationContext(WorkerRootModule, { logger: new RedactingConsoleLogger('Worker', { logLevels: ['error', 'warn', 'log'] }) });
  const config = ctx.get(AppConfig);
  const logger = new Logger('Worker');

  const connection = await Connection.connect(temporalConnectionOptions(config.temporal));
  const added = await ensureSearchAttributes(connection, config.temporal.namespace);
  if (added.length) logger.log(`registered search attributes ${added.join(', ')}`);
  await connection.close();

  const bundle = await loadOrBundleWorkflows(config.temporal.workflowBundlePath);
  const { worker, connection: native } = await createWorker(ctx, { workflowBundle: bundle });
  logger.log(`polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
  try {
    await worker.run();
  } finally {
    await native.close();
    await ctx.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
