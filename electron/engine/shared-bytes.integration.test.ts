// "Shared" counts film data other viewers took from us, not the messages every connection sends:
// downloading from a complete seeder shares nothing; seeding a whole film to a viewer shares it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startLeecher, startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let film: Buffer;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>> | undefined;
let engine: Engine;
let itemId = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-shared-'));
  const path = await makeTestVideo(dir, { seconds: 8, name: 'film.mp4' });
  film = await readFile(path);
  tracker = await startTracker();
  seeder = await startSeeder({ path, announce: [tracker.announceUrl] });
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The next stats the engine reports for the item. */
function nextStats(): Promise<{ uploaded: number; uploadSpeed: number }> {
  return new Promise((resolve) => {
    const off = engine.on('stats', (stats) => {
      const mine = stats.find((s) => s.itemId === itemId);
      if (mine) {
        off();
        resolve(mine);
      }
    });
  });
}

it('shares nothing with a complete seeder that took nothing', async () => {
  const item = await engine.handlers['library:add']({
    source: { kind: 'magnet', uri: seeder?.magnet ?? '' },
  });
  itemId = item.id;
  const session = await engine.handlers['playback:start']({ itemId });
  const body = Buffer.from(await (await fetch(session.streamUrl ?? '')).arrayBuffer());
  expect(body.equals(film)).toBe(true);
  const stats = await nextStats();
  console.log(`[measure] shared with a complete seeder: ${stats.uploaded} bytes`);
  expect(stats.uploaded).toBe(0);
  expect(stats.uploadSpeed).toBe(0);
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
}, 60_000);

it('shares the film it gave to a viewer', async () => {
  await seeder?.close(); // the engine is now the only source
  seeder = undefined;
  const leecher = await startLeecher({
    torrentPath: join(dir, 'film.mp4.torrent'),
    announce: [tracker.announceUrl],
    dir: join(dir, 'leecher'),
  });
  await leecher.done;
  await leecher.close();
  expect(await readFile(join(dir, 'leecher', 'film.mp4'))).toEqual(film);
  const stats = await nextStats();
  console.log(`[measure] shared with a viewer: ${stats.uploaded} of ${film.length} bytes`);
  expect(stats.uploaded).toBeGreaterThanOrEqual(film.length);
}, 60_000);
