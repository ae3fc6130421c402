import { Module } from '@nestjs/common';
import { OrganisationLookupController } from './organisation-lookup.controller';
import { OrganisationsController } from './organisations.controller';
import { OperationsModule } from '../operations/operations.module';
import { OrganisationUsersController } from './organisation-users.controller';
import { OrganisationUsersService } from './organisation-users.service';

/** /organisations/*: one controller per concern (me, lookup by key, users). */
@Module({
  imports: [OperationsModule],
  controllers: [OrganisationsController, OrganisationLookupController, OrganisationUsersController],
  providers: [OrganisationUsersService],
})
export class OrganisationsModule {}
