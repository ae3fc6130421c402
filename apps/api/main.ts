import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../../libs/config/app-config';
import { ConfigModule } from '../../libs/config/config.module';
import { ApiModule } from './api.module';
import { configureHttp } from './http/configure-http';
import { LoggingModule } from './http/logging.module';

@Module({ imports: [ConfigModule.forRoot(), LoggingModule.forRoot(), ApiModule] })
class ApiRootModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(ApiRootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttp(app);
  const config = app.get(AppConfig);
  await app.listen(config.http.port, '0.0.0.0');
  app.get(Logger).log(`API listening on ${config.http.publicBaseUrl} (OpenAPI at /docs)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
