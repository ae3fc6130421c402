import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { SharePermission } from '../../../../libs/domain/shares';
import type { Project, ProjectCollaborator } from '../../../../libs/persistence/entities';
import { SHARE_PERMISSIONS } from '../../../../libs/domain/shares';
import { NamedRef } from '../../http/openapi';

export class CreateProjectDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ default: false, description: 'owned by the organisation, not one person' })
  @IsOptional()
  @IsBoolean()
  organisationProject?: boolean;

  @ApiPropertyOptional({ default: false, description: 'requires organisationProject; collaborators are added by organisation key' })
  @IsOptional()
  @IsBoolean()
  collaborationProject?: boolean;

  @ApiPropertyOptional({ default: false, description: 'chosen at creation, never changed' })
  @IsOptional()
  @IsBoolean()
  reversible?: boolean;
}

export class UpdateProjectDto {
  @ApiPropertyOptional({ maxLength: 200 })
  // Absent keeps the name; null is refused (a project always has one).
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  organisationProject?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  collaborationProject?: boolean;

  @ApiPropertyOptional({ description: 'accepted only unchanged: reversible is chosen at creation' })
  @IsOptional()
  @IsBoolean()
  reversible?: boolean;
}

export class ProjectCollaboratorView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ description: 'R-P7: the name of the collaborating organisation' }) organisationName!: string;
  @ApiProperty() canReverse!: boolean;
}

export class ProjectView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: NamedRef, description: 'the owning user (R-S4)' }) owner!: NamedRef;
  @ApiProperty({ type: NamedRef, description: "the owner's organisation" }) organisation!: NamedRef;
  @ApiProperty() organisationProject!: boolean;
  @ApiProperty() collaborationProject!: boolean;
  @ApiProperty() reversible!: boolean;
  @ApiProperty({ type: [ProjectCollaboratorView] }) collaborators!: ProjectCollaboratorView[];
  @ApiProperty({ type: [String], enum: SHARE_PERMISSIONS, description: 'what the caller may do' }) myPermissions!: SharePermission[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function mapProject(project: Project, collaborators: ProjectCollaborator[], myPermissions: SharePermission[]): ProjectView {
  return {
    id: project.id,
    workspaceId: project.workspace.id,
    name: project.name,
    owner: { id: project.owner.id, name: project.owner.name },
    organisation: { id: project.organisation.id, name: project.organisation.name },
    organisationProject: project.organisationProject,
    collaborationProject: project.collaborationProject,
    reversible: project.reversible,
    collaborators: collaborators.map((c) => ({ organisationId: c.organisation.id, organisationName: c.organisation.name, canReverse: c.canReverse })),
    myPermissions,
    createdAt: project.createdAt.toISOString(),
  };
}
