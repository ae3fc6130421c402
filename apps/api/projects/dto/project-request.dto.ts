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
  @ApiProperty() id!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty({ enum: ['standard', 'reverse'] }) kind!: string;
  @ApiProperty({ enum: ['submitted', 'in_review', 'approved', 'rejected'] }) status!: string;
  @ApiPropertyOptional() description!: string | null;
  @ApiProperty() submittedBy!: string;
  @ApiPropertyOptional() decidedBy!: string | null;
  @ApiPropertyOptional() decidedAt!: string | null;
  @ApiProperty() createdAt!: string;
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
