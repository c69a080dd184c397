// How many block requests the torrent client keeps outstanding to a peer that has just unchoked it
// (patches/webtorrent+*.patch): a peer that answers at intervals (Transmission, every 500 ms) gets
// a pipeline of several blocks at once, and one that delivers fast gets a pipeline sized from its rate since
// the unchoke, not from a 5-second average that still holds the time before.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../test-support/bt-clients.js';
import { torrentOf, loopbackClient } from '../test-support/metered-torrent.js';
import { connectMeteredSeeder, type MeteredSeeder } from '../test-support/metered-seeder.js';
import type { TorrentClient } from './torrent-client.js';

const PIECE_LENGTH = 32 * 1024;
const BLOCK = 16 * 1024;
// what webtorrent alone keeps outstanding to a fresh wire: one block, to see if it answers
const UNPATCHED_FIRST_REQUESTS = 1;
// a wire's speed is its average over its last 5 seconds (its whole life when younger)
const SPEED_WINDOW_MS = 5_000;
// the pipeline webtorrent alone sizes from that average once the wire is 5 s old: 1 s of it
const fromFiveSecondAverage = (bytes: number) => 2 + Math.ceil(bytes / 5 / BLOCK);

let dir: string;
let client: TorrentClient;
let seeder: MeteredSeeder | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-pipeline-'));
});

afterEach(async () => {
  seeder?.close();
  await client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

/** Polls until `count` stops growing for 200 ms (requests arrive in one burst or not at all). */
async function settled(count: () => number): Promise<number> {
  let last = -1;
  while (count() !== last) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return last;
}

it('fills the pipeline on an unchoke, then sizes it from the rate since the unchoke', async () => {
  const data = randomBytes(4 * 1024 * 1024);
  // a video name: a torrent with nothing to play is stopped before any piece is fetched
  const torrent = torrentOf(data, 'pipeline.mp4', PIECE_LENGTH);
  const torrentPort = await freePort();
  client = loopbackClient(torrentPort);
  const managed = client.add({ kind: 'torrent', ...torrent }, dir);
  await new Promise((resolve) => managed.once('ready', resolve));
  // the engine selects nothing until played; here everything is wanted
  managed.torrent.select(0, managed.torrent.pieces.length - 1, 1);

  seeder = connectMeteredSeeder(torrentPort, torrent.infoHash, data, PIECE_LENGTH);
  await seeder.interested;
  // choked for as long as a wire's speed window (5 s), as with a peer that unchokes on a timer:
  // the window then holds only time when nothing could arrive
  await new Promise((resolve) => setTimeout(resolve, SPEED_WINDOW_MS + 500));
  seeder.unchoke();
  const first = await settled(() => seeder?.outstanding() ?? 0);
  console.log(`[measure] requests outstanding right after an unchoke: ${first}`);
  expect(first, 'a fresh unchoke asks for more than one block').toBeGreaterThan(
    UNPATCHED_FIRST_REQUESTS,
  );
  // 128 KiB: enough to keep the link busy for several round trips, and not so much that what the
  // player asks for next (an MP4's index, found in the first block) waits behind it
  expect(first * BLOCK, 'a fresh unchoke asks for 128 KiB at once').toBeGreaterThanOrEqual(
    128 * 1024,
  );
  expect(first * BLOCK, 'and no more before the peer has answered').toBeLessThanOrEqual(128 * 1024);

  // deliver 1 MiB as fast as it is asked for, then stop answering
  let sent = 0;
  while (sent < 1024 * 1024) {
    sent += seeder.serveAll();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const after = await settled(() => seeder?.outstanding() ?? 0);
  console.log(`[measure] requests outstanding after ${sent} bytes delivered at once: ${after}`);
  // a pipeline sized from the 5-second average would stay at its floor of 16
  expect(after, 'pipeline sized from the rate since the unchoke').toBeGreaterThan(
    Math.max(first, fromFiveSecondAverage(sent)) + 4,
  );
}, 30_000);
