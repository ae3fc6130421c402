import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID } from 'class-validator';
import { SHARE_PERMISSIONS } from '../../../../libs/domain/shares';
import type { SharePermission } from '../../../../libs/domain/shares';
import { NamedRef } from '../../http/openapi';

export class AddShareDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ type: [String], enum: SHARE_PERMISSIONS, example: ['view', 'edit'], description: 'R-S2: one or more' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_PERMISSIONS.length)
  @IsString({ each: true })
  permissions!: string[];
}

export class UpdateShareDto {
  @ApiProperty({ type: [String], enum: SHARE_PERMISSIONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_PERMISSIONS.length)
  @IsString({ each: true })
  permissions!: string[];
}

export class TransferOwnershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  newOwnerId!: string;

  @ApiPropertyOptional({ type: [String], enum: SHARE_PERMISSIONS, description: "the new owner's share when it has none yet (R-S4); default ['view']" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_PERMISSIONS.length)
  @IsString({ each: true })
  permissions?: string[];

  @ApiPropertyOptional({ default: false, description: 'R-S5: the previous owner keeps no share' })
  @IsOptional()
  @IsBoolean()
  leave?: boolean;
}

export class ShareView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], enum: SHARE_PERMISSIONS }) permissions!: SharePermission[];
}

export class ProjectSharingView {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ type: NamedRef, description: 'the owning user, `{ id, name }` as in the project' }) owner!: NamedRef;
  @ApiProperty({ type: [ShareView] }) shares!: ShareView[];
  @ApiProperty({ description: 'R-S3: whether the caller may add, change or delete shares' }) canChange!: boolean;
}
