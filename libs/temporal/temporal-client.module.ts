import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../config/app-config';
import { temporalConnectionOptions } from './connection-options';
import { clientTracingInterceptors } from '../tracing/temporal-tracing';
import { currentTracing } from '../tracing/active-tracing';
import { dataConverterFor } from './data-converter';
import { RpcRetries, deadlineInterceptors } from './rpc-deadline';

/** Closes the client's connection when Nest shuts down. */
@Injectable()
export class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(Client) private readonly client: Client,
    private readonly retries: RpcRetries,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.retries.drain();
    await this.client.connection.close();
    // The request and StartWorkflow spans still buffered leave before the process does.
    await currentTracing()?.flush();
  }
}

/**
 * The Temporal client for the API: a lazy connection (the API starts, and /health says
 * so, while Temporal is still coming up), built from config, closed on shutdown. Every
 * call carries a deadline (rpc-deadline.ts): with Temporal down a request fails fast and
 * the error filter answers 503, instead of the SDK retrying for 10–20 s.
 */
@Global()
@Module({
  providers: [
    RpcRetries,
    {
      provide: Client,
      inject: [AppConfig, RpcRetries],
      useFactory: (config: AppConfig, retries: RpcRetries) =>
        new Client({
          connection: Connection.lazy({ ...temporalConnectionOptions(config.temporal), interceptors: deadlineInterceptors(undefined, retries) }),
          namespace: config.temporal.namespace,
          dataConverter: dataConverterFor(config),
          // Issue 11: StartWorkflow spans carry the request's trace into the workflow (when tracing is on).
          interceptors: { workflow: clientTracingInterceptors() },
        }),
    },
    TemporalClientLifecycle,
  ],
  exports: [Client],
})
export class TemporalClientModule {}
