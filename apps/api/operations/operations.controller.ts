import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { OperationView } from './operation.dto';
import { OperationsService } from './operations.service';
import { Contract } from '../http/openapi';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  /** Status, progress, and result or error of a long-running operation (section 6). */
  @Contract({
    id: 'getOperation',
    summary: 'Follow an operation',
    description:
      'Status, progress, and result or error of a long-running operation (section 6). R-T1: visible to who can see its project (R-S1) or workspace, and to its actor; others get 404. An expected refusal shows its `rule` and `message` in `error`.',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: OperationView })
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OperationView> {
    return this.operations.get(caller, id);
  }
}
