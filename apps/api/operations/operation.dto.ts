import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OperationProgress } from '../../../libs/operations/contracts';

export type OperationStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';
const STATUSES: OperationStatus[] = ['running', 'succeeded', 'failed', 'cancelled'];

/** The answer of a 202: where to follow the operation (also in the `Location` header). */
export class OperationAccepted {
  @ApiProperty({ description: 'the operation (workflow) id', example: 'invite-organisation.0b6f….5e1c…' }) operationId!: string;
  @ApiProperty({ enum: STATUSES }) status!: OperationStatus;
  @ApiProperty({ format: 'uri-reference', example: '/operations/invite-organisation.…' }) href!: string;
}

export class OperationProgressView implements OperationProgress {
  @ApiProperty({ example: 'adding members' }) step!: string;
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
}

/** Why an operation failed: the rule and message of an expected refusal, or what went wrong. */
export class OperationError {
  @ApiProperty({ example: 'conflict', description: "the error kind, 'failed' when no rule refused it" }) error!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ example: 'R-W11' }) rule?: string;
  @ApiPropertyOptional() field?: string;
}

export class OperationView {
  @ApiProperty({ description: 'the operation (workflow) id' }) id!: string;
  @ApiProperty({ example: 'invite-organisation' }) kind!: string;
  @ApiProperty({ enum: STATUSES }) status!: OperationStatus;
  @ApiPropertyOptional({ type: OperationProgressView, nullable: true, description: 'while running; null before the worker reports any' })
  progress?: OperationProgress | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'when succeeded: what the operation produced (its kind decides the fields)' })
  result?: unknown;
  @ApiPropertyOptional({ type: OperationError, description: 'when failed' }) error?: OperationError;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt?: string | null;
}
