// Hostile and broken input through the engine's own commands, as a user or a stranger's file would
// send it: each gets a coded error in plain words, the engine keeps working, and nothing already in
// the library is lost, also across a restart.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bencode from 'bencode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '../../shared/errors.js';
import { createEngine } from './engine.js';
import type { Engine } from './engine-api.js';

const PIECE = 16 * 1024;

function torrentWith(paths: string[][], name = 'Film'): Buffer {
  const files = paths.map((path) => ({ length: PIECE, path }));
  return Buffer.from(
    bencode.encode({
      info: {
        name,
        'piece length': PIECE,
        pieces: new Uint8Array(20 * files.length),
        files,
      },
    }),
  );
}

const asFile = (bytes: Buffer | string) => ({
  source: {
    kind: 'file' as const,
    name: 'x.torrent',
    base64: Buffer.from(bytes).toString('base64'),
  },
});

let dir: string;
let engine: Engine;
const options = () => ({
  dataDir: join(dir, 'data'),
  builtInCatalogPath: null,
  dht: false,
  lsd: false,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-bad-input-'));
  engine = await createEngine(options());
});

afterAll(async () => {
  await engine?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bad input through the engine', () => {
  let keptId = '';

  it('adds a good torrent first (the thing that must not be lost)', async () => {
    const item = await engine.handlers['library:add'](asFile(torrentWith([['film.mp4']])));
    keptId = item.id;
    expect(item.files[0]?.path).toBe('Film/film.mp4');
  });

  const good = torrentWith([['film.mp4']], 'Other');
  it.each([
    ['garbage bytes', asFile('this is not a torrent at all'), 'invalid-torrent'],
    ['a truncated torrent', asFile(good.subarray(0, good.length - 20)), 'invalid-torrent'],
    ['a nesting bomb', asFile('l'.repeat(200_000)), 'invalid-torrent'],
    ['a huge declared length', asFile('d4:info99999999999:xe'), 'invalid-torrent'],
    ['an empty file', asFile(''), 'invalid-torrent'],
    [
      'a path climbing out with ..',
      asFile(torrentWith([['..', '..', 'evil.mp4']])),
      'unsafe-torrent-paths',
    ],
    ['an absolute path', asFile(torrentWith([['/etc', 'passwd']])), 'unsafe-torrent-paths'],
    ['a drive letter', asFile(torrentWith([['C:', 'x.mp4']])), 'unsafe-torrent-paths'],
    [
      'a malformed magnet',
      { source: { kind: 'magnet' as const, uri: 'magnet:?xt=urn:btih:zz' } },
      'invalid-magnet',
    ],
    [
      'a magnet with bad escapes',
      { source: { kind: 'magnet' as const, uri: 'magnet:?xt=urn:btih:%E0%A4%A' } },
      'invalid-magnet',
    ],
  ])('refuses %s with a coded, plain-words error', async (_name, input, code) => {
    const attempt = engine.handlers['library:add'](input);
    await expect(attempt).rejects.toBeInstanceOf(CodedError);
    await expect(attempt).rejects.toMatchObject({ code });
    const message = await attempt.catch((err: CodedError) => err.message);
    expect(message.length).toBeGreaterThan(10);
    expect(message).not.toMatch(/undefined|\[object|at .*\.js:\d+/);
  });

  it.each([
    ['a .torrent path that does not exist', join(tmpdir(), 'no-such-folder', 'film.torrent')],
    ['a .torrent path that is garbage', 'garbage'],
    ['a random word', 'hello'],
  ])('refuses %s from the command line', async (_name, argument) => {
    if (argument === 'garbage') {
      argument = join(dir, 'garbage.torrent');
      await writeFile(argument, 'not bencode');
    }
    await expect(engine.openArgument(argument)).rejects.toBeInstanceOf(CodedError);
  });

  it('still works and still holds the good torrent, also after a restart', async () => {
    expect((await engine.handlers['library:list']({})).map((i) => i.id)).toEqual([keptId]);
    await engine.close();
    engine = await createEngine(options());
    expect((await engine.handlers['library:list']({})).map((i) => i.id)).toEqual([keptId]);
  });
});

describe('a damaged library file', () => {
  it('is set aside with a notice, and the engine starts anyway', async () => {
    const dataDir = join(dir, 'damaged');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'library.json'), '{"version": 1, "items": [tru');
    const damaged = await createEngine({ ...options(), dataDir });
    // no window listens while the engine starts: the notice waits for the first one to ask
    const [notice] = await damaged.handlers['notices:startup']({});
    expect(notice?.message).toMatch(/damaged|set aside/i);
    expect(await damaged.handlers['library:list']({})).toEqual([]);
    await damaged.close();
  });
});
