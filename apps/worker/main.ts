import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Connection } from '@temporalio/client';
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { AppConfig, loadConfig } from '../../libs/config/app-config';
import { PinoNestLogger } from '../../libs/logging/nest-logger';
import { createLogger } from '../../libs/logging/pino';
import { PinoTemporalLogger } from '../../libs/logging/temporal-logger';
import { temporalConnectionOptions } from '../../libs/temporal/connection-options';
import { ensureSearchAttributes } from '../../libs/temporal/search-attributes';
import { loadOrBundleWorkflows } from '../../libs/temporal/workflow-bundle';
import { startTracing } from '../../libs/tracing/tracing';
import { createWorker } from './create-worker';
import { WorkerRootModule } from './worker-root.module';

/** The worker process: runs every workflow and activity until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  // One log format (issue 11): Nest, the SDK's runtime, workflow and activity loggers, and the
  // SDK core's own lines all become pino JSON lines of service "worker".
  const settings = loadConfig(process.env);
  const log = createLogger('worker', settings.logLevel);
  const metricsAddress = settings.observability.workerMetricsAddress;
  Runtime.install({
    logger: new PinoTemporalLogger(log),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) },
      // The SDK's metrics and the operations' (workflows/interceptors.ts, libs/temporal/mail-metrics.ts), for Prometheus.
      ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
    },
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
  // Issue 11: workflow and activity spans by OTLP, when configured (before the worker: its interceptors need it).
  const tracing = startTracing(settings.observability.tracing, 'worker');
  if (metricsAddress) log.info({ metricsAddress }, `Prometheus metrics at http://${metricsAddress}/metrics`);
  const ctx = await NestFactory.createApplicationContext(WorkerRootModule, { logger: new PinoNestLogger(log) });
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
    await tracing?.shutdown();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
