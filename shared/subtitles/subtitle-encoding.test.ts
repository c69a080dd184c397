import { describe, expect, it } from 'vitest';
import { decodeSubtitleBytes } from './subtitle-encoding.js';

/** Encodes text into a single-byte code page, from the code page's own decoding table. */
function encode(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from(
    [...text].map((ch) => {
      const byte = table.get(ch);
      if (byte === undefined) throw new Error(`${ch} is not in ${encoding}`);
      return byte;
    }),
  );
}

const FRENCH =
  "1\n00:00:01,000 --> 00:00:02,000\nÀ côté de la fenêtre, l'élève préfère ça.\nOù est la bibliothèque ? Très bien, merci.\n";
const CZECH =
  '1\n00:00:01,000 --> 00:00:02,000\nPříliš žluťoučký kůň úpěl ďábelské ódy.\nDěkuji, mám se dobře. Tohle je česká věta s háčky a čárkami.\n';

describe('subtitle text encoding', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    const bytes = new TextEncoder().encode(CZECH);
    expect(decodeSubtitleBytes(bytes)).toEqual({ text: CZECH, encoding: 'utf-8' });
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
    expect(decodeSubtitleBytes(withBom).text).toBe(CZECH);
  });

  it('recognises Windows-1252 (French) and Windows-1250 (Czech) files', () => {
    expect(decodeSubtitleBytes(encode(FRENCH, 'windows-1252'))).toEqual({
      text: FRENCH,
      encoding: 'windows-1252',
    });
    expect(decodeSubtitleBytes(encode(CZECH, 'windows-1250'))).toEqual({
      text: CZECH,
      encoding: 'windows-1250',
    });
  });

  it('keeps short Western lines with è as Windows-1252 (not Windows-1250 č)', () => {
    const short =
      '1\n00:00:01,000 --> 00:00:02,000\nCafé crème 1\n\n2\n00:00:02,000 --> 00:00:03,000\nCafé crème 2\n';
    expect(decodeSubtitleBytes(encode(short, 'windows-1252')).text).toBe(short);
  });

  it('reads UTF-16 files marked as such', () => {
    const le = Uint8Array.from([0xff, 0xfe, ...[...'Hé'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeSubtitleBytes(le).text).toBe('Hé');
  });

  it('never throws on random bytes', () => {
    const noise = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);
    expect(typeof decodeSubtitleBytes(noise).text).toBe('string');
    expect(decodeSubtitleBytes(new Uint8Array()).text).toBe('');
  });
});
