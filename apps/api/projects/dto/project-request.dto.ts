import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ProjectRequest } from '../../../../libs/persistence/entities';

export class SubmitRequestDto {
  @ApiProperty({ enum: ['standard', 'reverse'], description: 'reverse: re-identify pseudonymised data (R-P6)' })
  @IsIn(['standard', 'reverse'])
  kind!: 'standard' | 'reverse';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class ProjectRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ enum: ['standard', 'reverse'] }) kind!: string;
  @ApiProperty({ enum: ['submitted', 'in_review', 'approved', 'rejected'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ format: 'uuid', description: 'the user who submitted it' }) submittedBy!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function mapRequest(r: ProjectRequest): ProjectRequestView {
  return {
    id: r.id,
    projectId: r.project.id,
    kind: r.kind,
    status: r.status,
    description: r.description,
    submittedBy: r.submittedBy.id,
    decidedBy: r.decidedBy?.id ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
