import { describe, expect, it } from 'vitest';
import { magnetInfoHash, parseOpenInput } from './open-input.js';

const HASH = 'dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c';

describe('parseOpenInput', () => {
  it('accepts a magnet link with a hex info hash', () => {
    const parsed = parseOpenInput(`  magnet:?xt=urn:btih:${HASH}&dn=Big+Buck+Bunny `);
    expect(parsed).toEqual({
      ok: true,
      source: { kind: 'magnet', uri: `magnet:?xt=urn:btih:${HASH}&dn=Big+Buck+Bunny` },
    });
  });

  it('turns a bare info hash (hex or base32) into a magnet link', () => {
    expect(parseOpenInput(HASH)).toEqual({
      ok: true,
      source: { kind: 'magnet', uri: `magnet:?xt=urn:btih:${HASH}` },
    });
    const b32 = 'XWBFL3G4PSSV7MF36GBSHWDAMLNR63I4';
    expect(parseOpenInput(b32).ok).toBe(true);
  });

  it('accepts an https .torrent link', () => {
    expect(parseOpenInput('https://example.org/film.torrent')).toEqual({
      ok: true,
      source: { kind: 'url', url: 'https://example.org/film.torrent' },
    });
  });

  it.each([
    ['', 'empty', 'Paste'],
    ['hello', 'unknown', 'not a magnet link'],
    ['magnet:?dn=nothing', 'no-hash', 'no BitTorrent info hash'],
    ['magnet:?xt=urn:btih:1234', 'bad-hash', 'not valid'],
    ['magnet:?xt=urn:btih:%E0%A4%A', 'bad-escape', 'broken characters'],
    ['x'.repeat(9000), 'too-long', 'too long'],
    ['javascript:alert(1)', 'unknown', 'not a magnet link'],
    ['file:///etc/passwd', 'unknown', 'not a magnet link'],
  ])('refuses %j with a code and a plain reason', (text, problem, reason) => {
    const parsed = parseOpenInput(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toBe(problem);
      expect(parsed.reason).toContain(reason);
    }
  });
});

describe('magnetInfoHash', () => {
  it('reads hex and base32 hashes as lower-case hex', () => {
    expect(magnetInfoHash(`magnet:?xt=urn:btih:${HASH.toUpperCase()}`)).toBe(HASH);
    // base32 of 20 bytes of 0xff is 32 '7's
    expect(magnetInfoHash('magnet:?xt=urn:btih:77777777777777777777777777777777')).toBe(
      'f'.repeat(40),
    );
  });
  it('is undefined without a hash', () => {
    expect(magnetInfoHash('magnet:?dn=x')).toBeUndefined();
  });
});
