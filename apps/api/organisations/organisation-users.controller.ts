import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Body, Controller, Injectable, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Conflict, NotFound, RuleViolation } from '../../../libs/domain/errors';
import { ORG_ROLES, OrgRole } from '../../../libs/domain/roles';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { workspaceOperationIds } from '../../../libs/operations/workspace-operations';
import { Organisation, User, normaliseEmail } from '../../../libs/persistence/entities';
import { workforceAccessOf } from '../../../libs/persistence/queries/workspace-actor';
import { autoInviteWorkflow } from '../../../workflows/auto-invite.workflow';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { OperationsService } from '../operations/operations.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';
import { Contract } from '../http/openapi';

export class CreateOrganisationUserDto {
  @ApiProperty({ format: 'email' })
  @IsEmail()
  @Length(3, 320)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: [String], enum: ORG_ROLES, default: ['Member'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ORG_ROLES.length)
  @IsIn(ORG_ROLES, { each: true })
  orgRoles?: OrgRole[];
}

export class OrganisationUserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: [String], enum: ORG_ROLES }) orgRoles!: OrgRole[];
}

export class OrganisationUserCreated extends OperationAccepted {
  @ApiProperty({ type: OrganisationUserView }) user!: OrganisationUserView;
}

@Injectable()
export class OrganisationUsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly operations: OperationsService,
  ) {}

  /**
   * R-W9: an OrgAdmin of the organisation, or an OrgAdmin of an organisation with workforce
   * access to it (who manages its workforce), adds a user; the auto-invite workflow then
   * makes it a member of every workspace that auto-invites the organisation.
   */
  async create(caller: Caller, organisationId: string, dto: CreateOrganisationUserDto): Promise<OrganisationUserCreated> {
    const access = await workforceAccessOf(this.em, caller.organisationId);
    if (!access.has(organisationId)) throw new NotFound('organisation', 'organisationId'); // R-T1
    if (!caller.orgRoles.includes('OrgAdmin')) {
      throw new RuleViolation('R-W9', 'only an OrgAdmin (of the organisation, or of one with workforce access to it) may add users', { kind: 'forbidden' });
    }
    const email = normaliseEmail(dto.email);
    const user = await this.em.fork().transactional(async (em) => {
      const organisation = await em.findOne(Organisation, organisationId);
      if (!organisation) throw new NotFound('organisation', 'organisationId');
      if (await em.count(User, { email })) throw new Conflict('a user with that email exists already', undefined);
      const created = new User({ email, name: dto.name, organisation, orgRoles: dto.orgRoles ?? ['Member'] });
      em.persist(created);
      return created;
    }).catch((e) => {
      if (e instanceof UniqueConstraintViolationException) throw new Conflict('a user with that email exists already');
      throw e;
    });
    const op = await this.operations.start(autoInviteWorkflow, {
      workflowId: workspaceOperationIds.autoInvite(organisationId, user.id),
      actor: caller,
      args: [{ actor: { userId: caller.userId, organisationId: caller.organisationId }, organisationId, userId: user.id }],
      searchAttributes: [
        { key: SearchAttr.organisationId, value: organisationId },
        { key: SearchAttr.userId, value: user.id },
      ],
    });
    return { ...op, user: { id: user.id, email: user.email, name: user.name, organisationId, orgRoles: user.orgRoles } };
  }
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:organisationId/users')
export class OrganisationUsersController {
  constructor(private readonly users: OrganisationUsersService) {}

  /** R-W9: add a user to an organisation; 202 with the user and the auto-invite operation. */
  @Contract({ id: 'createOrganisationUser', summary: 'Add a user to an organisation', description: 'R-W9: an OrgAdmin of the organisation, or of one with workforce access to it, adds a user; the auto-invite operation then makes it a member of every workspace that auto-invites the organisation. 202 with the user and the operation.', errors: [400, 403, 404, 409] })
  @Post()
  @AcceptedOperation(OrganisationUserCreated)
  async create(
    @CurrentCaller() caller: Caller,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: CreateOrganisationUserDto,
  ): Promise<OrganisationUserCreated> {
    return this.users.create(caller, organisationId, dto);
  }
}
