import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { AcceptedOperation } from './accepted-operation.decorator';
import { OperationAccepted, OperationView } from './operation.dto';
import { OperationCancelService } from './operation-cancel.service';
import { OperationsService } from './operations.service';
import { Contract } from '../http/openapi';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly cancellation: OperationCancelService,
  ) {}

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

  /** R-O4: stop a running operation; it ends `cancelled` with its partial result. */
  @Contract({
    id: 'cancelOperation',
    summary: 'Stop an operation',
    description:
      "R-O4: the operation's actor or an Admin of its workspace stops a running operation: add-all-users after the batch in flight (the result says exactly how many were added), an invitation request before mailing the rest (not yet mailed invitations are revoked, mailed ones stay valid), an ownership handover by undoing its steps (R-S7). Follow it at `Location` until `status` is `cancelled` (or `succeeded`, if it reached its end first); the partial result is in `result` and in the audit log. Asking again answers 202 again. R-T1: who cannot see the operation gets 404; who sees it but is neither its actor nor an Admin gets 403. 409 when it has finished, has passed its point of no return, or is of a kind that cannot be stopped half-way; `message` says which.",
    errors: [403, 404, 409],
  })
  @AcceptedOperation(OperationAccepted)
  @Post(':id/cancel')
  cancel(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OperationAccepted> {
    return this.cancellation.cancel(caller, id);
  }
}
