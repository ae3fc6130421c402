import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../config/app-config';
import { temporalConnectionOptions } from './connection-options';

/** Closes the client's connection when Nest shuts down. */
@Injectable()
export class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/**
 * The Temporal client for the API: a lazy connection (the API starts, and /health says
 * so, while Temporal is still coming up), built from config, closed on shutdown.
 */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Client({ connection: Connection.lazy(temporalConnectionOptions(config.temporal)), namespace: config.temporal.namespace }),
    },
    TemporalClientLifecycle,
  ],
  exports: [Client],
})
export class TemporalClientModule {}
