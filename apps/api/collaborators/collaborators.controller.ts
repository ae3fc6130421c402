import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { CollaboratorsService } from './collaborators.service';
import { InviteCollaboratorDto } from './dto/invite-collaborator.dto';

@ApiTags('collaborators')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/collaborators')
export class CollaboratorsController {
  constructor(private readonly collaborators: CollaboratorsService) {}

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
    const op = await this.collaborators.invite(caller, workspaceId, dto);
    res.location(op.href);
    return op;
  }
}
