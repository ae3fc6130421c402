import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Caller } from '../../../libs/auth/caller';
import { Conflict, NotFound, RuleViolation } from '../../../libs/domain/errors';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { workspaceOperationIds } from '../../../libs/operations/workspace-operations';
import { Organisation, User, normaliseEmail } from '../../../libs/persistence/entities';
import { workforceAccessOf } from '../../../libs/persistence/queries/workspace-actor';
import { autoInviteWorkflow } from '../../../workflows/auto-invite.workflow';
import { OperationsService } from '../operations/operations.service';
import { CreateOrganisationUserDto, OrganisationUserCreated } from './dto/organisation-user.dto';

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
    const user = await this.em
      .fork()
      .transactional(async (em) => {
        const organisation = await em.findOne(Organisation, organisationId);
        if (!organisation) throw new NotFound('organisation', 'organisationId');
        if (await em.count(User, { email })) throw new Conflict('a user with that email exists already', undefined);
        const created = new User({ email, name: dto.name, organisation, orgRoles: dto.orgRoles ?? ['Member'] });
        em.persist(created);
        return created;
      })
      .catch((e: unknown) => {
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
    const { operationId, status, href } = op;
    return { operationId, status, href, user: { id: user.id, email: user.email, name: user.name, organisationId, orgRoles: user.orgRoles } };
  }
}
