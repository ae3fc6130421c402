/**
 * The API process of bench/invitations: `apps/api/main.ts` with one more route, the
 * baseline's direct request handler (bench/direct-invitations.controller.ts).
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ApiModule } from '../apps/api/api.module';
import { LoggingModule } from '../apps/api/http/logging.module';
import { InvitationsModule } from '../apps/api/invitations/invitations.module';
import { serveApi } from '../apps/api/serve-api';
import { ConfigModule } from '../libs/config/config.module';
import { MailModule } from '../libs/mail/mail.module';
import { DirectInvitationsController } from './direct-invitations.controller';

@Module({ imports: [ConfigModule.forRoot(), LoggingModule.forRoot(), ApiModule, InvitationsModule, MailModule], controllers: [DirectInvitationsController] })
class BenchApiRootModule {}

serveApi(BenchApiRootModule).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
