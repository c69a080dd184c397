// Hover prefetch on a slow real swarm: where the pointer rests on the seek bar is fetched ahead of
// the rest of the file, so a seek there finds its first pieces already in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TorrentStats } from '../../shared/domain.js';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-prefetch-'));
  const film = await makeTestVideo(dir, { seconds: 40, bitrateKbps: 400 });
  tracker = await startTracker();
  // slow enough that the order of arrival shows: the whole film takes about 10 s
  seeder = await startSeeder({
    path: film,
    announce: [tracker.announceUrl],
    pieceLength: 16 * 1024,
    uploadLimitBytesPerSecond: 200_000,
  });
  engine = await createLoopbackEngine(join(dir, 'data'));
  await engine.handlers['settings:update']({ bufferAheadSeconds: 5 });
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

/** How much of [from, to) (fractions of the file) is downloaded. */
function coverage(ranges: TorrentStats['fileRanges'], from: number, to: number): number {
  let covered = 0;
  for (const [start, end] of ranges)
    covered += Math.max(0, Math.min(end, to) - Math.max(start, from));
  return covered / (to - from);
}

it('fetches the hovered point of the seek bar before the rest of the file', async () => {
  const item = await engine.handlers['library:add']({
    source: { kind: 'file', name: 'film.torrent', base64: seeder.torrentBytes.toString('base64') },
  });
  const attached = new Promise<void>((resolve) => {
    const off = engine.on('session', (s) => {
      if (s.fileIndex !== undefined && s.phase !== 'finding-peers') {
        off();
        resolve();
      }
    });
  });
  const session = await engine.handlers['playback:start']({ itemId: item.id });
  await attached; // the window only shows the seek bar once the file is known
  await engine.handlers['playback:progress']({
    sessionId: session.sessionId,
    positionSeconds: 0,
    durationSeconds: 40,
  });
  await engine.handlers['playback:prefetch']({ sessionId: session.sessionId, positionSeconds: 32 });

  // the moment the hovered seconds (80 % to 84 % of the film) are in, look at the middle
  const middleWhenHoveredIn = await new Promise<number>((resolve) => {
    const off = engine.on('stats', (all) => {
      const stats = all.find((s) => s.itemId === item.id);
      if (stats && coverage(stats.fileRanges, 0.8, 0.84) >= 0.99) {
        off();
        resolve(coverage(stats.fileRanges, 0.4, 0.6));
      }
    });
  });
  // without the prefetch, rarest-first would have brought the middle in about as fast
  expect(middleWhenHoveredIn).toBeLessThan(0.5);
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
}, 60_000);
