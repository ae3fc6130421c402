import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '../config/app-config';
import { AesGcmPayloadCodec, KeyRing } from './payload-codec';

/** R-A2: the one data converter of the API's client and the worker, so both read what the other wrote. */
export function dataConverterFor(config: AppConfig): DataConverter {
  return { payloadCodecs: [payloadCodecFor(config)] };
}

export function payloadCodecFor(config: AppConfig): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(KeyRing.parse(config.codec.keys));
}
