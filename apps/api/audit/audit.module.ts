import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AuditController } from './audit.controller';

@Module({ imports: [WorkspacesModule], controllers: [AuditController] })
export class AuditModule {}
