// What the engine keeps on disk, on a real loopback swarm: two different torrents with the same
// name never share files (removing one with its data leaves the other whole), and a damaged saved
// .torrent is set aside while the item falls back to its magnet link.
import { mkdir, mkdtemp, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
const films: Array<{ bytes: Buffer; seeder: Awaited<ReturnType<typeof startSeeder>> }> = [];
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-data-'));
  tracker = await startTracker();
  // same file name, different films: a 3 s one and a 5 s one
  for (const seconds of [3, 5]) {
    const folder = join(dir, `source-${seconds}`);
    await mkdir(folder);
    const path = await makeTestVideo(folder, { seconds, name: 'Movie.mp4' });
    const seeder = await startSeeder({ path, announce: [tracker.announceUrl] });
    films.push({ bytes: await readFile(path), seeder });
  }
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  for (const film of films) await film.seeder.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

async function playWhole(bytesOf: Buffer, itemId: string): Promise<void> {
  const session = await engine.handlers['playback:start']({ itemId });
  const res = await fetch(session.streamUrl ?? '');
  expect(Buffer.from(await res.arrayBuffer()).equals(bytesOf)).toBe(true);
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
}

it('keeps two same-named torrents apart, and removing one with its data leaves the other whole', async () => {
  const [a, b] = films;
  if (!a || !b) throw new Error('films missing');
  const add = (film: typeof a) =>
    engine.handlers['library:add']({
      source: {
        kind: 'file',
        name: 'x.torrent',
        base64: film.seeder.torrentBytes.toString('base64'),
      },
    });
  const itemA = await add(a);
  const itemB = await add(b);
  expect(itemA.files[0]?.path).toBe(itemB.files[0]?.path); // both "Movie.mp4"
  await playWhole(a.bytes, itemA.id);
  await playWhole(b.bytes, itemB.id);

  await engine.handlers['library:remove']({ itemId: itemB.id, deleteData: true });
  const onDisk = await readFile(join(dir, 'data', 'downloads', itemA.id, 'Movie.mp4'));
  expect(onDisk.equals(a.bytes)).toBe(true);
  await expect(readdir(join(dir, 'data', 'downloads', itemB.id))).rejects.toThrow();
  expect((await engine.handlers['library:list']({})).map((i) => i.id)).toEqual([itemA.id]);
});

it('sets a damaged saved .torrent aside and falls back to the magnet link', async () => {
  const [a] = films;
  if (!a) throw new Error('film missing');
  const saved = join(dir, 'data', 'torrents', `${a.seeder.infoHash}.torrent`);
  await engine.close();
  await truncate(saved, 10); // as a power cut in the middle of writing would leave it
  engine = await createLoopbackEngine(join(dir, 'data'));
  await playWhole(a.bytes, a.seeder.infoHash);
  const kept = await readdir(join(dir, 'data', 'torrents'));
  expect(kept.some((name) => name.startsWith(`${a.seeder.infoHash}.torrent.damaged-`))).toBe(true);
});
