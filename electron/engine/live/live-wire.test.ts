import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, decode, encode, type LiveMessage } from './live-wire.js';

describe('the live extension messages', () => {
  it('round-trips every message', () => {
    const messages: LiveMessage[] = [
      { t: 'hello', role: 'viewer', have: [1, 2] },
      { t: 'have', id: 5 },
      { t: 'req', id: 5, from: 100 },
      { t: 'cancel', id: 5 },
      { t: 'none', id: 5 },
      { t: 'man', data: Buffer.from('{}') },
      { t: 'data', id: 5, off: 0, total: 3, data: Buffer.from('abc') },
    ];
    for (const m of messages) expect(decode(encode(m))).toEqual(m);
  });

  it('refuses malformed or oversized messages instead of throwing', () => {
    expect(decode(Buffer.from([0, 0]))).toBeUndefined();
    expect(decode(Buffer.from([0xff, 0xff, 0xff, 0xff, 1]))).toBeUndefined();
    const bad = (h: object, data = Buffer.alloc(0)) =>
      decode(
        Buffer.concat([
          Buffer.from([0, 0, 0, JSON.stringify(h).length]),
          Buffer.from(JSON.stringify(h)),
          data,
        ]),
      );
    expect(bad({ t: 'have', id: -1 })).toBeUndefined();
    expect(bad({ t: 'hello', role: 'god', have: [] })).toBeUndefined();
    expect(bad({ t: 'data', id: 1, off: 0, total: 1 }, Buffer.alloc(2))).toBeUndefined();
    expect(
      bad({ t: 'data', id: 1, off: 0, total: 1e9 }, Buffer.alloc(CHUNK_BYTES + 1)),
    ).toBeUndefined();
    expect(bad({ t: 'what' })).toBeUndefined();
  });
});
