import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES } from '../../../../libs/domain/roles';
import { NamedRef } from '../../http/openapi';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import type { WorkspaceRole } from '../../../../libs/domain/roles';
import { Workspace } from '../../../../libs/persistence/entities';

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Area A', minLength: 1, maxLength: 200 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class WorkspaceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: NamedRef }) ownerOrganisation!: NamedRef;
  @ApiProperty({ type: [String], enum: WORKSPACE_ROLES, description: "the caller's workspace roles" }) myRoles!: WorkspaceRole[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function mapWorkspace(workspace: Workspace, myRoles: WorkspaceRole[]): WorkspaceView {
  return {
    id: workspace.id,
    name: workspace.name,
    ownerOrganisation: { id: workspace.ownerOrganisation.id, name: workspace.ownerOrganisation.name },
    myRoles,
    createdAt: workspace.createdAt.toISOString(),
  };
}
