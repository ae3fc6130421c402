import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthMiddleware } from './health.middleware';
import { ProbesController } from './probes.controller';
import { Readiness } from './readiness';

/** Liveness, readiness (public, up/down only) and readiness details (authenticated). */
@Module({ controllers: [ProbesController, HealthController], providers: [Readiness, HealthMiddleware], exports: [Readiness] })
export class HealthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(HealthMiddleware)
      .forRoutes(
        { path: 'health', method: RequestMethod.GET },
        { path: 'health/live', method: RequestMethod.GET },
        { path: 'health/ready', method: RequestMethod.GET },
      );
  }
}
