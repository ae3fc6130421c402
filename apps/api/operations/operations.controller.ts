import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { OperationView } from './operation.dto';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  /** Status, progress, and result or error of a long-running operation (section 6). */
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OperationView> {
    return this.operations.get(caller, id);
  }
}
