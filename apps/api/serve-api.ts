import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '../../libs/config/app-config';
import { startTracing } from '../../libs/tracing/tracing';
import { configureHttp } from './http/configure-http';
import { secureExpressAdapter } from './http/security-headers';

/** Starts an API process on `rootModule` (the API's, or the bench's with one more route) until it is stopped. */
export async function serveApi(rootModule: Type<unknown>): Promise<void> {
  // Before Nest: the Temporal client's interceptors and the request spans need it (off unless OTLP is configured).
  startTracing(loadConfig(process.env).observability.tracing, 'api');
  const app = await NestFactory.create(rootModule, secureExpressAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttp(app);
  const config = app.get(AppConfig);
  await app.listen(config.http.port, '0.0.0.0');
  app.get(Logger).log(`API listening on ${config.http.publicBaseUrl} (OpenAPI at /docs)`);
}
