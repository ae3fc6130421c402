import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { SaveProjectCollaboratorsDto } from './dto/project-collaborators.dto';
import { ProjectCollaboratorsService } from './project-collaborators.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';
import { Contract } from '../http/openapi';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects/:projectId/collaborators')
export class ProjectCollaboratorsController {
  constructor(private readonly collaborators: ProjectCollaboratorsService) {}

  /** R-P1..R-P3, R-P5: add collaborating organisations by key, all or nothing. 202: follow the operation. */
  @Contract({
    id: 'saveProjectCollaborators',
    summary: 'Add collaborating organisations to a project',
    description:
      'R-P1 (by organisation key), R-P2 (canReverse only on reversible projects), R-P3 (all or nothing), R-P5 (not while a request is open). 202: follow the operation.',
    errors: [400, 403, 404, 409],
  })
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
  @Contract({
    id: 'removeProjectCollaborator',
    summary: 'Remove a project collaborator (always refused)',
    description: 'R-P4: project collaborators are permanent; the answer is always 409 with the explanation.',
    errors: [400, 404, 409],
  })
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
