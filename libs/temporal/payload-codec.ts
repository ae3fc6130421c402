import type { Payload, PayloadCodec } from '@temporalio/common';
import { decode, encode } from '@temporalio/common/lib/encoding';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Metadata of an encrypted payload (as Temporal's samples-typescript `encryption/` writes it). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ProtoPayload = temporal.api.common.v1.Payload;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CodecKey {
  id: string;
  key: Buffer;
}

/**
 * R-A2 key ring: the first key encrypts; every key decrypts what was written with it.
 * Rotation (docs/decisions.md, issue 10): put the new key first, keep the old ones until
 * no running workflow or retained history needs them.
 */
export class KeyRing {
  private readonly byId: Map<string, Buffer>;
  constructor(readonly keys: CodecKey[]) {
    if (!keys.length) throw new Error('the Temporal codec key ring is empty');
    for (const k of keys) if (k.key.length !== 32) throw new Error(`Temporal codec key "${k.id}" is not 32 bytes (AES-256)`);
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    if (this.byId.size !== keys.length) throw new Error('two Temporal codec keys share an id');
  }
  get current(): CodecKey {
    return this.keys[0];
  }
  get(id: string): Buffer | undefined {
    return this.byId.get(id);
  }

  /** "id:base64,id2:base64" (TEMPORAL_CODEC_KEYS), newest first. */
  static parse(spec: string): KeyRing {
    return new KeyRing(
      spec.split(',').map((entry) => {
        const at = entry.indexOf(':');
        if (at < 1) throw new Error('TEMPORAL_CODEC_KEYS: each key is "id:base64-of-32-bytes"');
        return { id: entry.slice(0, at).trim(), key: Buffer.from(entry.slice(at + 1).trim(), 'base64') };
      }),
    );
  }
}

/**
 * R-A2: AES-256-GCM over the whole serialised payload (its metadata included, so the
 * encoding of an email does not show either), the key id in clear metadata so a rotated
 * ring still decrypts old histories. The key id is also the GCM associated data: a
 * payload relabelled with another key id does not decrypt.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  /** Synchronous work behind the SDK's Promise interface: a throw becomes a rejection. */
  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(payloads).then((all) => all.map((payload) => this.encrypt(payload)));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(payloads).then((all) => all.map((payload) => this.decrypt(payload)));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.ring.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(encode(id));
    const body = Buffer.concat([cipher.update(ProtoPayload.encode(payload).finish()), cipher.final()]);
    return { metadata: { encoding: encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encode(id) }, data: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const id = idBytes ? decode(idBytes) : '';
    const key = this.ring.get(id);
    if (!key) throw new Error(`no Temporal codec key "${id}" in the key ring (TEMPORAL_CODEC_KEYS)`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES)).setAAD(encode(id));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    return ProtoPayload.decode(plain);
  }
}
