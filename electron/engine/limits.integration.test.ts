// The transfer limits from the settings, on a real loopback swarm. Loopback moves a film in well
// under a second, so a limit that is not applied shows at once; a limit can only make a transfer
// slower, so the check is a lower bound on the time taken and cannot fail on a busy machine.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startLeecher, startSeeder, startTracker } from './test-support/swarm.js';

const LIMIT_KIB = 256;

let dir: string;
let film: Buffer;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>> | undefined;
let engine: Engine;
let torrentPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-limits-'));
  const path = await makeTestVideo(dir, { seconds: 20, bitrateKbps: 500, name: 'film.mp4' });
  film = await readFile(path);
  tracker = await startTracker();
  seeder = await startSeeder({ path, announce: [tracker.announceUrl] });
  torrentPath = seeder.torrentPath;
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Seconds the film needs at the limit, with a margin for bursts the throttle lets through. */
const floorSeconds = () => (film.length / (LIMIT_KIB * 1024)) * 0.6;

it('keeps downloads under the download limit', async () => {
  await engine.handlers['settings:update']({ downloadLimitKiBps: LIMIT_KIB });
  const started = performance.now();
  const item = await engine.handlers['library:add']({
    source: {
      kind: 'file',
      name: 'film.torrent',
      base64: (await readFile(torrentPath)).toString('base64'),
    },
  });
  const session = await engine.handlers['playback:start']({ itemId: item.id });
  const body = Buffer.from(await (await fetch(session.streamUrl ?? '')).arrayBuffer());
  const seconds = (performance.now() - started) / 1000;
  expect(body.equals(film)).toBe(true);
  expect(seconds).toBeGreaterThan(floorSeconds());
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
}, 60_000);

it('keeps uploads to other viewers under the upload limit', async () => {
  await engine.handlers['settings:update']({ downloadLimitKiBps: 0, uploadLimitKiBps: LIMIT_KIB });
  await seeder?.close(); // the engine is now the only source
  seeder = undefined;
  const started = performance.now();
  const leecher = await startLeecher({
    torrentPath,
    announce: [tracker.announceUrl],
    dir: join(dir, 'leecher'),
  });
  await leecher.done;
  const seconds = (performance.now() - started) / 1000;
  expect(await readFile(join(dir, 'leecher', 'film.mp4'))).toEqual(film);
  expect(seconds).toBeGreaterThan(floorSeconds());
  await leecher.close();
}, 60_000);
