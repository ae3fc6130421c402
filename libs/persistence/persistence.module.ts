import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { migrate, waitForMigrations } from './migrate';
import { ormOptions } from './orm-config';
import { RateLimiter } from './rate-limiter';

/**
 * At start, either applies pending migrations (DATABASE_MIGRATE, on outside production;
 * replicas doing so at once are safe) or waits for the migrate job to have applied them
 * (production API replicas and workers), so no process serves an older schema.
 */
@Injectable()
export class MigrateOnStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Persistence');
  constructor(
    private readonly orm: MikroORM,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { migrate: migrateAtStart, driver, migrationWaitMs } = this.config.database;
    if (!migrateAtStart) {
      await waitForMigrations(this.orm, {
        timeoutMs: migrationWaitMs,
        onWait: (p) => this.logger.warn(`waiting for ${p.length} migration(s); run \`npm run migrate\``),
      });
      return;
    }
    const applied = await migrate(this.orm);
    if (applied) this.logger.log(`applied ${applied} migration(s) on ${driver}`);
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
