import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OperationProgress } from '../../../libs/operations/contracts';

export type OperationStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** The answer of a 202: where to follow the operation. */
export class OperationAccepted {
  @ApiProperty({ description: 'the operation (workflow) id' }) operationId!: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed', 'cancelled'] }) status!: OperationStatus;
  @ApiProperty({ example: '/operations/invite-organisation.…' }) href!: string;
}

export class OperationView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'invite-organisation' }) kind!: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed', 'cancelled'] }) status!: OperationStatus;
  @ApiPropertyOptional() progress?: OperationProgress | null;
  @ApiPropertyOptional() result?: unknown;
  @ApiPropertyOptional() error?: { error: string; message: string; rule?: string; field?: string };
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional() closedAt?: string | null;
}
