import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuthModule } from '../../libs/auth/auth.module';
import { PersistenceModule } from '../../libs/persistence/persistence.module';
import { TemporalClientModule } from '../../libs/temporal/temporal-client.module';
import { AuditModule } from './audit/audit.module';
import { InviteSignInController } from './auth/invite-sign-in.controller';
import { OidcRelyingParty } from './auth/oidc-relying-party';
import { CodecController } from './codec/codec.controller';
import { CodecSignInController } from './codec/codec-sign-in.controller';
import { CollaboratorsModule } from './collaborators/collaborators.module';
import { HealthModule } from './health/health.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MembersModule } from './members/members.module';
import { RequestContextMiddleware } from './http/request-context.middleware';
import { TextInputMiddleware } from './http/text-input.middleware';
import { MetricsMiddleware, MetricsModule } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { OperationsModule } from './operations/operations.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ProjectsModule } from './projects/projects.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

/** The HTTP API. Expects ConfigModule (global) and a logger module from its root. */
@Module({
  imports: [
    MetricsModule,
    PersistenceModule,
    TemporalClientModule,
    AuthModule,
    OrganisationsModule,
    WorkspacesModule,
    OperationsModule,
    CollaboratorsModule,
    InvitationsModule,
    MembersModule,
    AuditModule,
    ProjectsModule,
    HealthModule,
  ],
  controllers: [MetricsController, CodecController, CodecSignInController, InviteSignInController],
  providers: [OidcRelyingParty],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, MetricsMiddleware, TextInputMiddleware).forRoutes('*');
  }
}
