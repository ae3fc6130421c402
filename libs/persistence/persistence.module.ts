import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ormOptions } from './orm-config';
import { RateLimiter } from './rate-limiter';

/** Applies pending migrations at start when the config says so (the default). */
@Injectable()
export class MigrateOnStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Persistence');
  constructor(
    private readonly orm: MikroORM,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.database.migrate) return;
    const applied = await this.orm.getMigrator().up();
    if (applied.length) this.logger.log(`applied ${applied.length} migration(s) on ${this.config.database.driver}`);
  }
}

/**
 * MikroORM for the API and the worker (MikroORM and EntityManager are global providers). Requests get their own EntityManager through
 * the module's request context; activities fork one each (see activities/README.md).
 * RateLimiter is global too: the one limiter every replica shares through the database.
 */
@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...ormOptions(config.database), registerRequestContext: true }),
    }),
  ],
  providers: [MigrateOnStart, RateLimiter],
  exports: [RateLimiter],
})
export class PersistenceModule {}
