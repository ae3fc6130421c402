import { INestApplication } from '@nestjs/common';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';

/**
 * The HTTP adapter every API app is created with. Express takes "case sensitive routing"
 * when its router is created, which Nest does before configureHttp runs: so it is set here.
 */
export function secureExpressAdapter(): ExpressAdapter {
  const instance = express();
  instance.set('case sensitive routing', true);
  instance.disable('x-powered-by');
  return new ExpressAdapter(instance);
}

/**
 * The public edge (issue 10): helmet's standard headers on every response (nosniff,
 * frame and referrer policies, HSTS …), a Content-Security-Policy that also holds for
 * /docs (Swagger UI loads only its own scripts), no X-Powered-By, and case-sensitive
 * routing so `/INVITE/<token>` is not the invitation page under a name the log redaction
 * might miss. The app must have been created with secureExpressAdapter().
 */
export function secureHttp(app: INestApplication): void {
  const http = app as NestExpressApplication;
  if (!http.getHttpAdapter().getRouteMatchingOptions?.().caseSensitive)
    throw new Error('create the API app with secureExpressAdapter() (case-sensitive routing)');
  http.disable('x-powered-by');
  http.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          // Served over plain http in development: upgrading would break the docs' own assets.
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
}
