import { Module } from '@nestjs/common';
import { ConfigModule } from '../../libs/config/config.module';
import { WorkerModule } from './worker.module';

@Module({ imports: [ConfigModule.forRoot(), WorkerModule] })
export class WorkerRootModule {}
