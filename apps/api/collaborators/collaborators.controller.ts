import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { CollaboratorsService } from './collaborators.service';
import { AddAllUsersDto, CollaboratorView, EditCollaboratorDto } from './dto/edit-collaborator.dto';
import { InviteCollaboratorDto } from './dto/invite-collaborator.dto';

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
  @HttpCode(202)
  @ApiAcceptedResponse({ type: OperationAccepted })
  async invite(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Body() dto: InviteCollaboratorDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationAccepted> {
    return located(res, await this.collaborators.invite(caller, workspaceId, dto));
  }

  /** Edit types (R-W7), project access (R-W8), auto invite (R-W9). 202: follow the operation. */
  @Patch(':organisationId')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: OperationAccepted })
  async edit(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: EditCollaboratorDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationAccepted> {
    return located(res, await this.collaborators.edit(caller, workspaceId, organisationId, dto));
  }

  /** Add all existing users of the organisation (R-W10). 202: follow the operation. */
  @Post(':organisationId/add-all-users')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: OperationAccepted })
  async addAllUsers(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: AddAllUsersDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationAccepted> {
    return located(res, await this.collaborators.addAllUsers(caller, workspaceId, organisationId, dto ?? {}));
  }

  /** Remove the collaborator (R-W11). 202: follow the operation. */
  @Delete(':organisationId')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: OperationAccepted })
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationAccepted> {
    return located(res, await this.collaborators.remove(caller, workspaceId, organisationId));
  }
}

function located(res: Response, op: OperationAccepted): OperationAccepted {
  res.location(op.href);
  return op;
}
