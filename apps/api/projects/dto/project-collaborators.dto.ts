import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';

export const MAX_COLLABORATORS_PER_SAVE = 50;

export class CollaboratorKeyDto {
  /** Checked by the domain (R-P1), so the error names `collaborators[i].key`. */
  @ApiProperty({ format: 'uuid', description: "the partner's organisation key (R-P1)" })
  @IsString()
  key!: string;

  @ApiPropertyOptional({ default: false, description: 'R-P2: only on reversible projects' })
  @IsOptional()
  @IsBoolean()
  canReverse?: boolean;
}

/** R-P1..R-P3: collaborators to add (or whose canReverse to edit), saved all or nothing. */
export class SaveProjectCollaboratorsDto {
  @ApiProperty({ type: [CollaboratorKeyDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COLLABORATORS_PER_SAVE)
  @ValidateNested({ each: true })
  @Type(() => CollaboratorKeyDto)
  collaborators!: CollaboratorKeyDto[];
}
