import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { SaveProjectCollaboratorsDto } from './dto/project-collaborators.dto';
import { ProjectCollaboratorsService } from './project-collaborators.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects/:projectId/collaborators')
export class ProjectCollaboratorsController {
  constructor(private readonly collaborators: ProjectCollaboratorsService) {}

  /** R-P1..R-P3, R-P5: add collaborating organisations by key, all or nothing. 202: follow the operation. */
  @Post()
  @AcceptedOperation()
  async save(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: SaveProjectCollaboratorsDto,
  ): Promise<OperationAccepted> {
    return this.collaborators.save(caller, projectId, dto);
  }

  /** R-P4: always refused (409) with the explanation; collaborators are permanent. */
  @Delete(':organisationId')
  @ApiConflictResponse({ description: 'R-P4: project collaborators are permanent' })
  remove(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
  ): Promise<never> {
    return this.collaborators.remove(caller, projectId, organisationId);
  }
}
