import { Module } from '@nestjs/common';
import { OrganisationLookupController } from './organisation-lookup.controller';
import { OrganisationsController } from './organisations.controller';

/** /organisations/*: one controller per concern (me, lookup by key, users). */
@Module({ controllers: [OrganisationsController, OrganisationLookupController] })
export class OrganisationsModule {}
