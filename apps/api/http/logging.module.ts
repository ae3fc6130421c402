import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../../../libs/config/app-config';
import { loggerOptions } from '../../../libs/logging/pino';
import { redactText, redactUrl } from './redact';
import { requestIdOf, requestLogLevel, requestProps } from './request-id';

/**
 * Structured logs (pino, the worker's format too: libs/logging). Authorization headers are
 * redacted, invitation tokens cut out of URLs, and every written line passes through
 * redactText (tokens, links, emails; apps/api/http/redact.ts). Each request line carries the request id
 * (X-Request-Id, taken or made, echoed), the caller's user id and the operation it started.
 * Tests pass a stream to capture every line.
 */
@Module({})
export class LoggingModule {
  static forRoot(stream?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const options = {
              ...loggerOptions('api', config.logLevel),
              genReqId: requestIdOf,
              customProps: requestProps,
              customLogLevel: requestLogLevel,
              serializers: {
                req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
              },
              // Every line, whatever logged it (request, error filter, Nest), is redacted as a whole.
              hooks: { streamWrite: redactText },
            };
            return { pinoHttp: stream ? [options, stream] : options };
          },
        }),
      ],
    };
  }
}
