import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../../../libs/config/app-config';
import { redactText, redactUrl } from './redact';

/**
 * Structured logs (pino). Authorization headers are redacted, and every written line passes
 * through redactText (tokens, links, emails; apps/api/http/redact.ts). Tests pass a stream to capture every line.
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
              level: config.logLevel,
              redact: ['req.headers.authorization', 'req.headers.cookie'],
              serializers: {
                req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
              },
              customProps: () => ({ service: 'api' }),
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
