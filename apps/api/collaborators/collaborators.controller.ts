import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { CollaboratorsService } from './collaborators.service';
import { AddAllUsersDto, CollaboratorView, EditCollaboratorDto } from './dto/edit-collaborator.dto';
import { InviteCollaboratorDto } from './dto/invite-collaborator.dto';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';

@ApiTags('collaborators')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/collaborators')
export class CollaboratorsController {
  constructor(private readonly collaborators: CollaboratorsService) {}

  /** R-W3, R-W5: the collaborators the caller may see, paginated. */
  @Get()
  list(@CurrentCaller() caller: Caller, @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string, @Query() page: PageQuery): Promise<Page<CollaboratorView>> {
    return this.collaborators.list(caller, workspaceId, page);
  }

  /** Invite an organisation (R-W6 b). 202: follow the operation. */
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
  @Post(':organisationId/add-all-users')
  @AcceptedOperation()
  async addAllUsers(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: AddAllUsersDto,
  ): Promise<OperationAccepted> {
    return this.collaborators.addAllUsers(caller, workspaceId, organisationId, dto ?? {});
  }

  /** Remove the collaborator (R-W11). 202: follow the operation. */
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

