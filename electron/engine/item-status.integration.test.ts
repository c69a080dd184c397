// What the engine says a half-downloaded title is doing once playback stopped and nothing arrives:
// it is still downloading (and sharing what it has), never "seeding" as if it were complete.
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
  dir = await mkdtemp(join(tmpdir(), 'essaim-status-'));
  const film = await makeTestVideo(dir, { seconds: 40, bitrateKbps: 400 });
  tracker = await startTracker();
  // slow, so the test can stop the only source while the film is part-way in
  seeder = await startSeeder({
    path: film,
    announce: [tracker.announceUrl],
    pieceLength: 16 * 1024,
    uploadLimitBytesPerSecond: 150_000,
  });
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

function nextStats(itemId: string, when: (s: TorrentStats) => boolean): Promise<TorrentStats> {
  return new Promise((resolve) => {
    const off = engine.on('stats', (all) => {
      const mine = all.find((s) => s.itemId === itemId);
      if (mine && when(mine)) {
        off();
        resolve(mine);
      }
    });
  });
}

it('calls a part-downloaded title that is sharing "downloading", not "seeding"', async () => {
  const item = await engine.handlers['library:add']({
    source: { kind: 'file', name: 'film.torrent', base64: seeder.torrentBytes.toString('base64') },
  });
  const session = await engine.handlers['playback:start']({ itemId: item.id });
  await nextStats(item.id, (s) => s.progress > 0.1);
  // the only source leaves; playback stops, and the title keeps sharing (the default setting)
  await seeder.close();
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  const idle = await nextStats(item.id, (s) => s.downloadSpeed === 0 && s.peers === 0);
  expect(idle.progress).toBeLessThan(1);
  expect(idle.status).toBe('downloading');
}, 90_000);
