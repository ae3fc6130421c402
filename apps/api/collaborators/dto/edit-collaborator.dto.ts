import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { COLLABORATION_TYPES, WORKSPACE_ROLES, WorkspaceRole } from '../../../../libs/domain/roles';
import { ProjectAccessDto } from './invite-collaborator.dto';

/** PATCH /workspaces/{id}/collaborators/{orgId}: any subset of the fields (R-W7, R-W8, R-W9). */
export class EditCollaboratorDto {
  @ApiPropertyOptional({
    type: [String],
    enum: COLLABORATION_TYPES.filter((t) => t !== 'Owner'),
    description: 'R-W7: at least one; removing a type strips roles it allowed',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(COLLABORATION_TYPES.length)
  @IsString({ each: true })
  types?: string[];

  @ApiPropertyOptional({ type: ProjectAccessDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProjectAccessDto)
  projectAccess?: ProjectAccessDto;

  @ApiPropertyOptional({ description: 'R-W9: new users of the organisation join the workspace' })
  @IsOptional()
  @IsBoolean()
  autoInvite?: boolean;

  @ApiPropertyOptional({ enum: WORKSPACE_ROLES, nullable: true, description: 'R-W9: must be allowed by the types' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(WORKSPACE_ROLES)
  autoInviteRole?: WorkspaceRole | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T09:00:00Z',
    description: "R-E1: set, move (a date-time in the future) or clear (null) the end date of the organisation's access; alone, the answer follows its timer",
  })
  // Checked (null, or an ISO date-time in the future) by parseExpiresAt, which names the field.
  @Allow()
  expiresAt?: string | null;
}

/** POST …/add-all-users: the role the added members receive (R-W2); a sensible default when absent. */
export class AddAllUsersDto {
  @ApiPropertyOptional({ enum: WORKSPACE_ROLES, description: 'default: the auto-invite role, else the least privileged role the types allow' })
  @IsOptional()
  @IsIn(WORKSPACE_ROLES)
  role?: WorkspaceRole;
}

export class CollaboratorView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ type: [String], enum: COLLABORATION_TYPES }) types!: string[];
  @ApiProperty({ type: ProjectAccessDto, example: { mode: 'limited', projectIds: [] } }) projectAccess!:
    { mode: 'full' } | { mode: 'limited'; projectIds: string[] };
  @ApiProperty() autoInvite!: boolean;
  @ApiProperty({ type: String, enum: WORKSPACE_ROLES, nullable: true }) autoInviteRole!: WorkspaceRole | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "R-E1: when the organisation's access ends by itself; null: never" })
  expiresAt!: string | null;
}
