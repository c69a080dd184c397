// Real .torrent bytes, made with the bencode and create-torrent packages, against the input checks.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CodedError } from '../../../shared/errors.js';
import { MAX_TORRENT_BYTES, checkMagnet, checkTorrentBytes } from './torrent-input.js';

// These packages ship without type declarations; the test describes the little it uses.
interface Bencode {
  encode(value: unknown): Uint8Array;
  decode(data: Uint8Array): Record<string, unknown>;
}
type CreateTorrent = (
  input: string,
  opts: Record<string, unknown>,
  cb: (err: Error | null, torrent: Uint8Array) => void,
) => void;
type ParseTorrent = (
  torrent: Uint8Array,
) => Promise<{ infoHash: string; files: Array<{ length: number }> }>;
const load = async <T>(name: string): Promise<T> =>
  ((await import(name)) as { default: T }).default;
const bencode = await load<Bencode>('bencode');
const createTorrent = await load<CreateTorrent>('create-torrent');
const parseTorrent = await load<ParseTorrent>('parse-torrent');

const PIECE = 16 * 1024;
const WINDOWS = { windowsNames: true };
const ELSEWHERE = { windowsNames: false };

function torrentWith(files: Array<{ path: string[]; length: number }>, name = 'Film'): Uint8Array {
  const total = files.reduce((sum, f) => sum + f.length, 0);
  return bencode.encode({
    announce: 'udp://tracker.example.org:1337/announce',
    info: {
      name,
      'piece length': PIECE,
      pieces: new Uint8Array(20 * Math.ceil(total / PIECE)),
      files: files.map((f) => ({ length: f.length, path: f.path })),
    },
  });
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return err.code;
    throw err;
  }
  return 'no error';
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('checkTorrentBytes', () => {
  it('reads a real multi-file torrent made by create-torrent, with the right info hash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'essaim-torrent-'));
    dirs.push(dir);
    const root = join(dir, 'My Film');
    await mkdir(join(root, 'extras'), { recursive: true });
    await writeFile(join(root, 'film.mp4'), Buffer.alloc(300_000, 7));
    await writeFile(join(root, 'extras', 'notes.txt'), 'hello');
    const bytes = await new Promise<Uint8Array>((resolve, reject) =>
      createTorrent(
        root,
        {
          announceList: [['wss://tracker.example.org'], ['udp://tracker.example.org:1337']],
          urlList: ['https://seed.example.org/'],
          pieceLength: 32 * 1024,
        },
        (err, torrent) => (err ? reject(err) : resolve(torrent)),
      ),
    );
    const parsed = checkTorrentBytes(bytes);
    const decoded = bencode.decode(bytes);
    const expectedHash = createHash('sha1').update(bencode.encode(decoded.info)).digest('hex');
    expect(parsed.infoHash).toBe(expectedHash);
    expect(parsed.infoHash).toBe((await parseTorrent(bytes)).infoHash);
    expect(parsed.name).toBe('My Film');
    expect(parsed.files).toEqual([
      { index: 0, path: 'My Film/extras/notes.txt', length: 5 },
      { index: 1, path: 'My Film/film.mp4', length: 300_000 },
    ]);
    expect(parsed.length).toBe(300_005);
    expect(parsed.pieceLength).toBe(32 * 1024);
    expect(parsed.pieceCount).toBe(Math.ceil(300_005 / (32 * 1024)));
    expect(parsed.announce.sort()).toEqual([
      'udp://tracker.example.org:1337',
      'wss://tracker.example.org',
    ]);
    expect(parsed.urlList).toEqual(['https://seed.example.org/']);
  });

  it('reads a single-file torrent and hashes the original bytes of the info section', () => {
    const bytes = bencode.encode({
      info: {
        length: 20_000,
        name: 'clip.webm',
        'piece length': PIECE,
        pieces: new Uint8Array(40),
      },
      'url-list': 'https://seed.example.org/clip.webm',
    });
    const parsed = checkTorrentBytes(bytes);
    expect(parsed.files).toEqual([{ index: 0, path: 'clip.webm', length: 20_000 }]);
    expect(parsed.urlList).toEqual(['https://seed.example.org/clip.webm']);
    const info = bencode.encode(bencode.decode(bytes).info);
    expect(parsed.infoHash).toBe(createHash('sha1').update(info).digest('hex'));
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['garbage', new TextEncoder().encode('<html>not found</html>')],
    ['random bytes', new Uint8Array(Array.from({ length: 500 }, (_, i) => (i * 131) % 256))],
    ['a bencode bomb of nested lists', new TextEncoder().encode('l'.repeat(100_000))],
    ['a bencode bomb of nested dictionaries', new TextEncoder().encode('d1:a'.repeat(100_000))],
    ['a dictionary key that is not text', new TextEncoder().encode('di1ei2ee')],
    ['a repeated key', new TextEncoder().encode('d4:infoi1e4:infoi2ee')],
    ['a huge declared length', new TextEncoder().encode('99999999999:x')],
    ['a length beyond the buffer', new TextEncoder().encode('d4:infod4:name500:abce')],
    ['an absurd integer', new TextEncoder().encode(`d1:ai${'9'.repeat(5000)}ee`)],
    ['a bare number', new TextEncoder().encode('i42e')],
    ['a dictionary without info', bencode.encode({ announce: 'udp://x.example:1' })],
    ['too big', new Uint8Array(MAX_TORRENT_BYTES + 1)],
  ])('refuses %s as invalid-torrent', (_label, bytes) => {
    expect(codeOf(() => checkTorrentBytes(bytes))).toBe('invalid-torrent');
  });

  it('refuses a truncated real torrent', () => {
    const bytes = torrentWith([{ path: ['a.mp4'], length: 100_000 }]);
    for (const cut of [1, 10, bytes.length / 2, bytes.length - 1]) {
      expect(codeOf(() => checkTorrentBytes(bytes.subarray(0, Math.floor(cut))))).toBe(
        'invalid-torrent',
      );
    }
  });

  it('refuses missing or inconsistent fields', () => {
    const info = { name: 'x', 'piece length': PIECE, pieces: new Uint8Array(20), length: 1000 };
    const variants: Array<Record<string, unknown>> = [
      { ...info, pieces: undefined },
      { ...info, name: undefined },
      { ...info, pieces: new Uint8Array(19) },
      { ...info, 'piece length': 1000 },
      { ...info, 'piece length': 3 * PIECE },
      { ...info, 'piece length': 128 * 1024 * 1024 },
      { ...info, pieces: new Uint8Array(200) },
      { ...info, length: -1 },
      { ...info, length: 2 ** 51, 'piece length': 64 * 1024 * 1024, pieces: new Uint8Array(20) },
      { ...info, length: undefined, files: [] },
      { ...info, length: undefined, files: [{ path: ['a'] }] },
    ];
    for (const v of variants) {
      const clean = Object.fromEntries(Object.entries(v).filter(([, val]) => val !== undefined));
      expect(codeOf(() => checkTorrentBytes(bencode.encode({ info: clean })))).toBe(
        'invalid-torrent',
      );
    }
  });

  it('never fails with anything but a coded error on mangled input', () => {
    const good = torrentWith([
      { path: ['a.mp4'], length: 40_000 },
      { path: ['b', 'c.srt'], length: 100 },
    ]);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = new TextEncoder().encode('ilde0123456789:-x');
    for (let round = 0; round < 3000; round++) {
      const bytes = good.slice(0, good.length - random(8));
      for (let k = 1 + random(4); k > 0; k--) {
        bytes[random(bytes.length)] = alphabet[random(alphabet.length)] ?? 0;
      }
      try {
        checkTorrentBytes(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(CodedError);
      }
    }
  });

  it('refuses more than 100,000 files', () => {
    const files = Array.from({ length: 100_001 }, (_, i) => ({ path: [`f${i}`], length: 0 }));
    files[0] = { path: ['f0'], length: 1 };
    expect(codeOf(() => checkTorrentBytes(torrentWith(files)))).toBe('invalid-torrent');
  });

  it.each([
    [['..', 'etc', 'passwd']],
    [['a', '..', '..', 'b.mp4']],
    [['/etc/passwd']],
    [['', 'etc', 'passwd']],
    [['C:\\x']],
    [['C:', 'Windows', 'x.exe']],
    [['dir\\..\\..\\x']],
    [['CON']],
    [['nul.txt']],
    [['com1']],
    [['LPT9.mp4']],
    [['bad\u0000name']],
    [['line\nbreak.mp4']],
    [['x'.repeat(256)]],
    [['é'.repeat(128)]],
  ])('refuses the unsafe path %j', (path) => {
    const bytes = torrentWith([{ path, length: 1000 }]);
    expect(codeOf(() => checkTorrentBytes(bytes))).toBe('unsafe-torrent-paths');
  });

  it.each([
    [['film.mp4:hidden']],
    [['Film: The Sequel.mkv']],
    [['extras', 'notes.txt::$DATA']],
    [['what?.mp4']],
    [['star*.srt']],
    [['<tag>.txt']],
    [['quote".txt']],
    [['pipe|name.txt']],
    [['trailing dot.']],
    [['trailing space ']],
    [['folder.', 'film.mp4']],
    [['folder ', 'film.mp4']],
    [['...']],
  ])('refuses the name %j where files are written on Windows', (path) => {
    const bytes = torrentWith([{ path, length: 1000 }]);
    expect(codeOf(() => checkTorrentBytes(bytes, WINDOWS))).toBe('unsafe-torrent-paths');
  });

  it.each([[['Film: The Sequel.mkv']], [['what?.mp4']], [['trailing dot.']]])(
    'accepts the name %j on other systems, where it is an ordinary name',
    (path) => {
      const bytes = torrentWith([{ path, length: 1000 }]);
      expect(codeOf(() => checkTorrentBytes(bytes, ELSEWHERE))).toBe('no error');
    },
  );

  it('explains in plain words why a Windows-unsafe name was refused', () => {
    const refusal = (path: string[], name = 'Film'): string => {
      try {
        checkTorrentBytes(torrentWith([{ path, length: 1000 }], name), WINDOWS);
      } catch (err) {
        if (err instanceof CodedError) return err.message;
        throw err;
      }
      return 'no error';
    };
    expect(refusal(['film.mp4:stream'])).toBe(
      'This torrent was refused because a file inside it has an unsafe name ("film.mp4:stream" contains one of < > : " | ? *). On Windows it could write into a hidden part of another file.',
    );
    expect(refusal(['a.mp4'], 'Film.')).toMatch(
      /"Film\." ends with a dot or a space\). On Windows it could overwrite another file/,
    );
  });

  it('refuses a torrent name that is unsafe on Windows, single-file too', () => {
    for (const name of ['clip.webm:x', 'clip.webm ', 'clip?.webm']) {
      const bytes = bencode.encode({
        info: { length: 1000, name, 'piece length': PIECE, pieces: new Uint8Array(20) },
      });
      expect(codeOf(() => checkTorrentBytes(bytes, WINDOWS))).toBe('unsafe-torrent-paths');
    }
  });

  it('refuses an unsafe torrent name', () => {
    const bytes = torrentWith([{ path: ['a.mp4'], length: 1000 }], '..');
    expect(codeOf(() => checkTorrentBytes(bytes))).toBe('unsafe-torrent-paths');
  });

  it('accepts ordinary names that merely look odd', () => {
    const bytes = torrentWith([
      { path: ['Season 1', 'Épisode 1 – « Début ».mkv'], length: 1000 },
      { path: ['console.txt'], length: 10 },
      { path: ['x'.repeat(255)], length: 10 },
      { path: ['.hidden', 'a. b.mkv'], length: 10 },
    ]);
    expect(checkTorrentBytes(bytes).files.map((f) => f.path)).toEqual([
      'Film/Season 1/Épisode 1 – « Début ».mkv',
      'Film/console.txt',
      `Film/${'x'.repeat(255)}`,
      'Film/.hidden/a. b.mkv',
    ]);
  });
});

describe('checkMagnet', () => {
  const hash = 'dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c';

  it('reads the info hash, trackers and web seeds', () => {
    const uri =
      `magnet:?xt=urn:btih:${hash.toUpperCase()}&dn=Big+Buck+Bunny` +
      '&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337&tr=wss%3A%2F%2Ftracker.openwebtorrent.com' +
      '&tr=javascript%3Aalert(1)&ws=https%3A%2F%2Fwebtorrent.io%2Ftorrents%2F&ws=file%3A%2F%2F%2Fetc';
    expect(checkMagnet(uri)).toEqual({
      infoHash: hash,
      uri,
      trackers: ['udp://tracker.opentrackr.org:1337', 'wss://tracker.openwebtorrent.com'],
      webSeeds: ['https://webtorrent.io/torrents/'],
    });
  });

  it('accepts a bare info hash, hex or base32', () => {
    expect(checkMagnet(hash).infoHash).toBe(hash);
    expect(checkMagnet('3WBFL3G4PSSV7MF37AJSHWDQMLNR63I4').infoHash).toBe(hash);
  });

  it.each([
    '',
    'magnet:?dn=x',
    'magnet:?xt=urn:btih:1234',
    'magnet:?xt=urn:btih:%E0%A4%A',
    'https://x.org/a.torrent',
  ])('refuses %j as invalid-magnet', (uri) => {
    expect(codeOf(() => checkMagnet(uri))).toBe('invalid-magnet');
  });
});
