import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsString, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import type { ProjectAccess } from '../../../../libs/domain/project-access';
import { COLLABORATION_TYPES } from '../../../../libs/domain/roles';

export class ProjectAccessDto {
  @ApiProperty({ enum: ['full', 'limited'], description: 'R-W8: full = every project, present and future' })
  @IsIn(['full', 'limited'])
  mode!: 'full' | 'limited';

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "required when mode is 'limited'" })
  @ValidateIf((o: ProjectAccessDto) => o.mode === 'limited')
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  projectIds?: string[];
}

export function toProjectAccess(dto: ProjectAccessDto): ProjectAccess {
  return dto.mode === 'full' ? { mode: 'full' } : { mode: 'limited', projectIds: dto.projectIds ?? [] };
}

/** R-W6 (b): invite an organisation the inviter's organisation has workforce access to. */
export class InviteCollaboratorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ type: [String], enum: COLLABORATION_TYPES.filter((t) => t !== 'Owner'), example: ['DataPartner'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COLLABORATION_TYPES.length)
  @IsString({ each: true })
  types!: string[];

  @ApiProperty({ type: ProjectAccessDto })
  // Required: @ValidateNested alone lets a missing object through (the handler then met undefined: a 500).
  @IsDefined()
  @ValidateNested()
  @Type(() => ProjectAccessDto)
  projectAccess!: ProjectAccessDto;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T09:00:00Z',
    description:
      "R-E1: when the organisation's access ends by itself (all its members leave, as R-W11); the workspace's Admins are warned EXPIRY_WARNING_DAYS (7) before",
  })
  // Checked (null, or an ISO date-time in the future) by parseExpiresAt, which names the field.
  @Allow()
  expiresAt?: string | null;
}
