import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawPublicKey, signEd25519 } from '../../torrent/ed25519.js';
import {
  MAX_SIGNED_BYTES,
  SIGNED_FORMAT,
  SIGNED_VERSION,
  checkEnvelope,
  serializeEnvelope,
  signedBytes,
  type UnsignedEnvelope,
} from './signed-envelope.js';

const { privateKey } = generateKeyPairSync('ed25519');
const pk = rawPublicKey(privateKey).toString('hex');
const sign = (data: Uint8Array) => signEd25519(privateKey, data);
const base: UnsignedEnvelope = {
  format: SIGNED_FORMAT,
  version: SIGNED_VERSION,
  publicKey: pk,
  sequence: 7,
  generated: '2026-11-29T12:00:00.000Z',
  catalog: '{"format":"essaim-catalog","version":1,"name":"<b>Films</b>","titles":[]}',
};
const signed = serializeEnvelope(base, sign);
const fields = JSON.parse(signed) as Record<string, unknown>;

describe('signed catalog envelope', () => {
  it('accepts what it signed, with the key from the link', () => {
    const checked = checkEnvelope(signed, pk);
    expect(checked).toMatchObject({ ok: true, envelope: { ...base } });
    expect(checkEnvelope(Buffer.from(signed), pk.toUpperCase())).toMatchObject({ ok: true });
    // the same publication always gives the same bytes (the same torrent)
    expect(serializeEnvelope(base, sign)).toBe(signed);
  });

  it('covers the key, the sequence, the date and the catalog with the signature', () => {
    expect(signedBytes(base).toString('utf8')).toMatch(
      new RegExp(
        `^${SIGNED_FORMAT}\nversion:1\npublic-key:${pk}\nsequence:7\ngenerated:2026-11-29T12:00:00.000Z\ncatalog-sha256:[0-9a-f]{64}\n$`,
      ),
    );
    for (const change of [
      { sequence: 8 },
      { generated: '2027-01-01T00:00:00.000Z' },
      { catalog: base.catalog.replace('Films', 'Filmz') },
      { signature: `${'0'.repeat(127)}1` },
    ]) {
      const forged = JSON.stringify({ ...fields, ...change });
      expect(checkEnvelope(forged, pk), JSON.stringify(change)).toMatchObject({
        ok: false,
        problem: 'forged',
      });
    }
  });

  it('refuses a copy signed by another key than the trusted one', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const otherPk = rawPublicKey(other).toString('hex');
    const theirs = serializeEnvelope({ ...base, publicKey: otherPk }, (d) => signEd25519(other, d));
    expect(checkEnvelope(theirs, pk)).toMatchObject({ ok: false, problem: 'other-key' });
    // their key written in, our signature kept: still another key
    expect(checkEnvelope(JSON.stringify({ ...fields, publicKey: otherPk }), pk)).toMatchObject({
      problem: 'other-key',
    });
  });

  it('refuses hostile files without throwing', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const cases: (string | Uint8Array)[] = [
      '',
      'null',
      '[]',
      deep,
      '<html><script>alert(1)</script></html>',
      new Uint8Array([0xff, 0xfe, 0x00, 0x01]),
      JSON.stringify({ ...fields, sequence: '7' }),
      JSON.stringify({ ...fields, sequence: 0 }),
      JSON.stringify({ ...fields, sequence: 2 ** 60 }),
      JSON.stringify({ ...fields, sequence: 1.5 }),
      JSON.stringify({ ...fields, generated: 'yesterday' }),
      JSON.stringify({ ...fields, catalog: { nested: true } }),
      JSON.stringify({ ...fields, publicKey: 'zz' }),
      JSON.stringify({ ...fields, signature: 'short' }),
      JSON.stringify({ ...fields, version: 2 }),
      JSON.stringify({ ...fields, format: 'essaim-catalog' }),
    ];
    for (const input of cases) {
      const label = typeof input === 'string' ? input.slice(0, 50) : 'bytes';
      expect(checkEnvelope(input, pk), label).toMatchObject({ ok: false, problem: 'not-signed' });
    }
  });

  it('refuses a file far larger than any catalog before parsing it', () => {
    const huge = Buffer.alloc(MAX_SIGNED_BYTES + 1, 0x20);
    expect(checkEnvelope(huge, pk)).toMatchObject({ ok: false, reason: /far too large/ });
  });
});
