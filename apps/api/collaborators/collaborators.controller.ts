import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { CollaboratorsService } from './collaborators.service';
import { AddAllUsersDto, CollaboratorView, EditCollaboratorDto } from './dto/edit-collaborator.dto';
import { InviteCollaboratorDto } from './dto/invite-collaborator.dto';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';
import { Contract, PageOf } from '../http/openapi';

@ApiTags('collaborators')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/collaborators')
export class CollaboratorsController {
  constructor(private readonly collaborators: CollaboratorsService) {}

  /** R-W3, R-W5: the collaborators the caller may see, paginated. */
  @Contract({
    id: 'listCollaborators',
    summary: 'List the collaborating organisations',
    description: 'R-W3, R-W5: the collaborators the caller may see, paginated by cursor. R-T1: 404 for a workspace the caller is not a member of.',
    errors: [400, 403, 404],
  })
  @ApiOkResponse({ type: PageOf(CollaboratorView) })
  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Query() page: PageQuery,
  ): Promise<Page<CollaboratorView>> {
    return this.collaborators.list(caller, workspaceId, page);
  }

  /** Invite an organisation (R-W6 b). 202: follow the operation. */
  @Contract({
    id: 'inviteOrganisation',
    summary: 'Invite an organisation as a collaborator',
    description:
      "R-W6 (b), R-W4, R-W2, R-W8: an organisation the inviter's organisation has workforce access to, with its collaboration types and project access. R-O1: an identical request joins the running operation. 202: follow the operation.",
    errors: [400, 403, 404, 409],
  })
  @Post()
  @AcceptedOperation()
  async invite(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Body() dto: InviteCollaboratorDto,
  ): Promise<OperationAccepted> {
    return this.collaborators.invite(caller, workspaceId, dto);
  }

  /** Edit types (R-W7), project access (R-W8), auto invite (R-W9). 202: follow the operation. */
  @Contract({
    id: 'editCollaborator',
    summary: 'Edit a collaborator',
    description: 'R-W7 (types; removing one strips roles it allowed), R-W8 (project access), R-W9 (auto invite). 202: follow the operation.',
    errors: [400, 403, 404, 409],
  })
  @Patch(':organisationId')
  @AcceptedOperation()
  async edit(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: EditCollaboratorDto,
  ): Promise<OperationAccepted> {
    return this.collaborators.edit(caller, workspaceId, organisationId, dto);
  }

  /** Add all existing users of the organisation (R-W10). 202: follow the operation. */
  @Contract({
    id: 'addAllUsers',
    summary: 'Add every user of a collaborator organisation',
    description:
      'R-W10: every current user of the organisation becomes a member with the role given (R-W2), in batches; progress at GET /operations/{id}. 202: follow the operation.',
    errors: [400, 403, 404, 409],
  })
  @Post(':organisationId/add-all-users')
  @AcceptedOperation()
  async addAllUsers(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: AddAllUsersDto,
  ): Promise<OperationAccepted> {
    return this.collaborators.addAllUsers(caller, workspaceId, organisationId, dto);
  }

  /** Remove the collaborator (R-W11). 202: follow the operation. */
  @Contract({
    id: 'removeCollaborator',
    summary: 'Remove a collaborator',
    description: 'R-W11: removes every member of the organisation from the workspace and its projects, then the collaborator. 202: follow the operation.',
    errors: [400, 403, 404, 409],
  })
  @Delete(':organisationId')
  @AcceptedOperation()
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
  ): Promise<OperationAccepted> {
    return this.collaborators.remove(caller, workspaceId, organisationId);
  }
}
