import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';

/** /organisations/*: one controller per concern (me, lookup by key, users). */
@Module({ controllers: [OrganisationsController] })
export class OrganisationsModule {}
