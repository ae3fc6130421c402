import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, Environment, loadConfig } from './app-config';

/** Registers the validated AppConfig once, globally, for the API, the worker and tests. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Environment = process.env): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: loadConfig(env) }],
      exports: [AppConfig],
    };
  }
}
