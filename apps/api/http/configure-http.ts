import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../../../libs/config/app-config';
import { ErrorFilter } from './error.filter';
import { secureHttp } from './security-headers';
import { validationPipe } from './validation';
import type { Server } from 'node:http';

/** Everything an HTTP app needs beyond its modules; shared by main.ts and the tests. */
export function configureHttp(app: INestApplication): INestApplication {
  secureHttp(app);
  // Issue 13: any JSON value parses (not only objects and arrays), so the validation pipe
  // can name a body that is not an object, and check its depth, instead of "not valid JSON".
  (app as NestExpressApplication).useBodyParser('json', { strict: false });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  // An idle kept-alive connection lives longer here than in any client or load balancer
  // (60 s is the common idle timeout), so the other side always closes it first: a request
  // never goes out on a socket this server is closing at that moment (ECONNRESET). Node's
  // 5 s default lost that race to clients whose own 4 s timer ran late on a busy machine.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const config = app.get(AppConfig);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Collaboration service')
      .setDescription(
        'Organisations working together on shared workspaces and projects. Long operations answer 202 with an operation id and a `Location` header; follow it at GET /operations/{id}. ' +
          'Every error is an RFC 9457 problem (`application/problem+json`) that also carries `error`, `message` and, where they apply, `rule` (the R-… id of the specification) and `field`.',
      )
      .setVersion('0.1.0')
      .setLicense('UNLICENSED', `${config.http.publicBaseUrl}/docs`)
      .addServer(config.http.publicBaseUrl)
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'a JWT: HS256 with the local secret (`npm run token`) or from the OIDC issuer' },
        'bearer',
      )
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
