import { ApiProperty } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { IsArray, IsObject } from 'class-validator';

/** A payload as the Temporal UI sends it: metadata values and data in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

export class CodecPayloads {
  @ApiProperty({ description: 'payloads as { metadata: { key: base64 }, data: base64 }', type: 'array', items: { type: 'object' } })
  @IsArray()
  @IsObject({ each: true })
  payloads!: JsonPayload[];
}

export function fromJsonPayloads(payloads: JsonPayload[]): Payload[] {
  return payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));
}

export function toJsonPayloads(payloads: Payload[]): JsonPayload[] {
  return payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  }));
}
