// Playback sessions end with the window that started them, on a real loopback swarm: when the host
// says a window went, its sessions stop as playback:stop does, and with "stop sharing after
// watching" the torrent is released; another window's playback of the same title is not touched.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PlaybackSession, TorrentStats } from '../../shared/domain.js';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let engine: Engine;
let itemId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-owner-'));
  const path = await makeTestVideo(dir, { seconds: 20, bitrateKbps: 500, name: 'film.mp4' });
  tracker = await startTracker();
  seeder = await startSeeder({ path, announce: [tracker.announceUrl], pieceLength: 16 * 1024 });
  engine = await createLoopbackEngine(join(dir, 'data'));
  // Slow enough that the film is still downloading when its window goes.
  await engine.handlers['settings:update']({ seedAfterWatching: false, downloadLimitKiBps: 64 });
  const item = await engine.handlers['library:add']({
    source: {
      kind: 'file',
      name: 'film.torrent',
      base64: (await readFile(seeder.torrentPath)).toString('base64'),
    },
  });
  itemId = item.id;
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The next stats tick that passes `test`. */
function nextStats(test: (stats: TorrentStats[]) => boolean): Promise<TorrentStats[]> {
  return new Promise((resolve) => {
    const off = engine.on('stats', (stats) => {
      if (!test(stats)) return;
      off();
      resolve(stats);
    });
  });
}

const running = (stats: TorrentStats[]) => stats.some((s) => s.itemId === itemId);

/**
 * Whether the film's torrent runs, as the stats say over the next ticks (the engine sends one
 * empty list when the last torrent stops, then nothing while none runs).
 */
async function runningAfterTicks(): Promise<boolean> {
  let last: TorrentStats[] = [];
  const off = engine.on('stats', (stats) => (last = stats));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  off();
  return running(last);
}

async function firstByte(session: PlaybackSession): Promise<number> {
  const res = await fetch(session.streamUrl ?? '', { headers: { range: 'bytes=0-0' } });
  await res.arrayBuffer();
  return res.status;
}

it('ends a window’s sessions and releases the torrent when no other window plays it', async () => {
  const windowA = engine.handlersFor('window-a');
  const windowB = engine.handlersFor('window-b');
  const a = await windowA['playback:start']({ itemId });
  const b = await windowB['playback:start']({ itemId });
  expect(await firstByte(a)).toBe(206);
  await nextStats(running);

  const afterEnd: string[] = [];
  let ended = new Set<string>();
  engine.on('session', (s) => ended.has(s.sessionId) && afterEnd.push(s.sessionId));

  // Window A goes: its session stops; B still plays, so the torrent keeps going.
  await engine.endOwner('window-a');
  ended = new Set([a.sessionId]);
  await expect(
    engine.handlers['playback:progress']({ sessionId: a.sessionId, positionSeconds: 1 }),
  ).rejects.toMatchObject({ code: 'not-found' });
  expect(await firstByte(a)).toBe(404);
  expect(await firstByte(b)).toBe(206);
  expect(await runningAfterTicks()).toBe(true);

  // Window B goes too: nobody watches, and sharing after watching is off.
  await engine.endOwner('window-b');
  ended = new Set([a.sessionId, b.sessionId]);
  expect(await runningAfterTicks()).toBe(false);
  const item = (await engine.handlers['library:list']({})).find((i) => i.id === itemId);
  expect(item?.status).toBe('paused');
  expect(item?.progress ?? 1).toBeLessThan(1);

  // Nothing more was said about the ended sessions.
  expect(afterEnd).toEqual([]);
  console.log(`[measure] downloaded when released: ${((item?.progress ?? 0) * 100).toFixed(0)} %`);
}, 60_000);

it('leaves sessions without an owner, or of another owner, alone', async () => {
  const own = await engine.handlers['playback:start']({ itemId });
  const other = await engine.handlersFor('window-c')['playback:start']({ itemId });
  await engine.endOwner('window-d');
  await engine.endOwner('window-c');
  expect(await firstByte(own)).toBe(206);
  expect(await firstByte(other)).toBe(404);
  await engine.handlers['playback:stop']({ sessionId: own.sessionId });
  expect(await runningAfterTicks()).toBe(false);
}, 60_000);

it('does not keep a session whose window went while it was starting', async () => {
  const starting = engine.handlersFor('window-e')['playback:start']({ itemId });
  const ended = engine.endOwner('window-e');
  await expect(starting).rejects.toMatchObject({ code: 'not-found' });
  await ended;
  expect(await runningAfterTicks()).toBe(false);
}, 60_000);
