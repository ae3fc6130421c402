import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ConfigModule } from '../../libs/config/config.module';
import { ApiModule } from './api.module';
import { LoggingModule } from './http/logging.module';
import { serveApi } from './serve-api';

@Module({ imports: [ConfigModule.forRoot(), LoggingModule.forRoot(), ApiModule] })
class ApiRootModule {}

serveApi(ApiRootModule).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
