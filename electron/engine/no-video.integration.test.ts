// A torrent with nothing to play (a program and a text file) is turned away at once: a .torrent
// before anything is added, a magnet as soon as its file list arrives and before any piece is
// fetched. Real torrents made by the torrent library, on a loopback swarm.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Notice, PlaybackSession } from '../../shared/domain.js';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-no-video-'));
  const folder = join(dir, 'Tools');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'setup.exe'), Buffer.alloc(100_000, 1));
  await writeFile(join(folder, 'readme.txt'), 'run setup.exe');
  tracker = await startTracker();
  seeder = await startSeeder({
    path: folder,
    announce: [tracker.announceUrl],
    pieceLength: 16 * 1024,
  });
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

const listing = (path: string) => readdir(path).catch(() => [] as string[]);

it('refuses a .torrent with no video before adding anything', async () => {
  const attempt = engine.handlers['library:add']({
    source: { kind: 'file', name: 'tools.torrent', base64: seeder.torrentBytes.toString('base64') },
  });
  await expect(attempt).rejects.toMatchObject({
    code: 'no-playable-file',
    message: expect.stringMatching(/no video.*setup\.exe/s),
  });
  expect(await engine.handlers['library:list']({})).toEqual([]);
  // nothing kept on disk either: no saved .torrent, no download folder
  await new Promise((r) => setTimeout(r, 200));
  expect(await listing(join(dir, 'data', 'torrents'))).toEqual([]);
  expect(await listing(join(dir, 'data', 'downloads'))).toEqual([]);
});

it('drops a magnet with no video as soon as its file list arrives, and says so', async () => {
  const notices: Notice[] = [];
  engine.on('notice', (n) => notices.push(n));
  const item = await engine.handlers['library:add']({
    source: { kind: 'magnet', uri: seeder.magnet },
  });
  const failed = new Promise<PlaybackSession>((resolve) => {
    const off = engine.on('session', (s) => {
      if (s.itemId === item.id && s.phase === 'error') {
        off();
        resolve(s);
      }
    });
  });
  await engine.handlers['playback:start']({ itemId: item.id });
  const session = await failed;
  expect(session.errorMessage).toMatch(/no video/i);
  expect(session.errorMessage).toMatch(/not added|removed/i);
  // gone from the library, with a notice saying why
  await expect
    .poll(async () => (await engine.handlers['library:list']({})).map((i) => i.id))
    .toEqual([]);
  expect(notices.some((n) => n.level === 'error' && /no video/i.test(n.message))).toBe(true);
  // not one piece was fetched: the seeder's count (which includes protocol messages, the file
  // list among them) stays below a single 16 KiB piece of the 100 kB program
  expect(await seeder.uploadedBytes()).toBeLessThan(16 * 1024);
  expect(await listing(join(dir, 'data', 'downloads', item.id))).toEqual([]);
});
