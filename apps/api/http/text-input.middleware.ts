import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RuleViolation } from '../../../libs/domain/errors';

/**
 * Text input never carries NUL characters: PostgreSQL cannot store them and no name or
 * description needs one. Refused up front with 400 naming the field (schemathesis found
 * them reaching the database as a 500).
 */
@Injectable()
export class TextInputMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const field = nulIn(req.body, '') ?? nulIn(req.query, '');
    if (field !== undefined) throw new RuleViolation('input', `${field || 'body'} must not contain NUL characters`, { field: field || 'body' });
    next();
  }
}

function nulIn(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 10) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = nulIn(child, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
