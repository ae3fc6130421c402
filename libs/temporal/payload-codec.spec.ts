import { defaultPayloadConverter } from '@temporalio/common';
import { decode } from '@temporalio/common/lib/encoding';
import { randomBytes } from 'node:crypto';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, KeyRing } from './payload-codec';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('AesGcmPayloadCodec (R-A2)', () => {
  const input = defaultPayloadConverter.toPayload({ email: 'erin@globex.test', name: 'Erin Engineer' });

  it('R-A2 encrypts the payload whole: no email, no encoding, the key id in metadata', async () => {
    const [encrypted] = await new AesGcmPayloadCodec(new KeyRing([key('k1')])).encode([input]);
    expect(decode(encrypted.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(decode(encrypted.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(Buffer.from(encrypted.data!).toString('latin1')).not.toContain('erin@globex.test');
    expect(Buffer.from(encrypted.data!).toString('latin1')).not.toContain('json/plain');
  });

  it('R-A2 key rotation: a ring with a new first key still decrypts what the old key wrote, and writes with the new one', async () => {
    const old = key('2026-01');
    const fresh = key('2026-06');
    const [written] = await new AesGcmPayloadCodec(new KeyRing([old])).encode([input]);
    const rotated = new AesGcmPayloadCodec(new KeyRing([fresh, old]));
    const [read] = await rotated.decode([written]);
    expect(defaultPayloadConverter.fromPayload(read)).toEqual({ email: 'erin@globex.test', name: 'Erin Engineer' });
    const [rewritten] = await rotated.encode([input]);
    expect(decode(rewritten.metadata![KEY_ID_METADATA])).toBe('2026-06');
    await expect(new AesGcmPayloadCodec(new KeyRing([fresh])).decode([written])).rejects.toThrow('no Temporal codec key "2026-01"');
  });

  it('R-A2 refuses a tampered payload or one relabelled with another key id, and passes plain payloads through', async () => {
    const a = key('a');
    const codec = new AesGcmPayloadCodec(new KeyRing([a, { id: 'b', key: a.key }]));
    const [written] = await codec.encode([input]);
    const tampered = { ...written, data: Buffer.from(written.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(codec.decode([tampered])).rejects.toThrow();
    const relabelled = { ...written, metadata: { ...written.metadata, [KEY_ID_METADATA]: Buffer.from('b') } };
    await expect(codec.decode([relabelled])).rejects.toThrow();
    expect(await codec.decode([input])).toEqual([input]);
  });

  it('parses TEMPORAL_CODEC_KEYS and refuses keys that are not 32 bytes', () => {
    const ring = KeyRing.parse(`new:${randomBytes(32).toString('base64')}, old:${randomBytes(32).toString('base64')}`);
    expect(ring.current.id).toBe('new');
    expect(() => KeyRing.parse(`short:${randomBytes(16).toString('base64')}`)).toThrow('not 32 bytes');
  });
});
