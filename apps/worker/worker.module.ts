import { Module } from '@nestjs/common';
import { MailModule } from '../../libs/mail/mail.module';
import { PersistenceModule } from '../../libs/persistence/persistence.module';

/** What the activities need from Nest's container: the ORM and the mailer (config is global). */
@Module({ imports: [PersistenceModule, MailModule] })
export class WorkerModule {}
