import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * The public edge (issue 10): helmet's standard headers on every response (nosniff,
 * frame and referrer policies, HSTS …), a Content-Security-Policy that also holds for
 * /docs (Swagger UI loads only its own scripts), no X-Powered-By, and case-sensitive
 * routing so `/INVITE/<token>` is not the invitation page under a name the log redaction
 * might miss. Must run before any route or middleware is registered.
 */
export function secureHttp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.set('case sensitive routing', true);
  express.disable('x-powered-by');
  express.use(
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
