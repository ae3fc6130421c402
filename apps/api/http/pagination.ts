import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { RuleViolation } from '../../../libs/domain/errors';

export const MAX_PAGE_SIZE = 200;

/** Cursor pagination over (createdAt, id): stable while rows are added. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: CursorPosition): string {
  return Buffer.from(`${row.createdAt.getTime()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (!cursor) return undefined;
  const [ms, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!ms || !id || !/^\d+$/.test(ms)) throw new RuleViolation('pagination', 'the cursor is not one this API issued', { field: 'cursor' });
  return { createdAt: new Date(Number(ms)), id };
}

/**
 * The MikroORM filter for "after this cursor" in (createdAt, id) order. The `createdAt >=`
 * bound comes first and alone so that an index on (…, created_at, id) seeks straight to the
 * cursor on SQLite and PostgreSQL alike; the `or` then only skips rows of the same instant.
 */
export function afterCursor(cursor: string | undefined): Record<string, unknown> {
  const position = decodeCursor(cursor);
  if (!position) return {};
  return { createdAt: { $gte: position.createdAt }, $or: [{ createdAt: { $gt: position.createdAt } }, { id: { $gt: position.id } }] };
}

/** Takes `limit + 1` rows and turns them into a page. */
export function toPage<R extends CursorPosition, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  return { items: items.map(map), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}
