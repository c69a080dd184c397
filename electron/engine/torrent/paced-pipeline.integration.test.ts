// How many requests the torrent client keeps queued at a peer (patches/webtorrent+*.patch, the
// paced pipeline): a peer that sends steadily is asked for only a fraction of a second of sending,
// so a seek does not wait behind a second of blocks for the old position; a peer that sends in
// bursts keeps a pipeline that grows with its rate, or it would be starved.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../test-support/bt-clients.js';
import { torrentOf, loopbackClient } from '../test-support/metered-torrent.js';
import { connectMeteredSeeder, type MeteredSeeder } from '../test-support/metered-seeder.js';
import type { TorrentClient } from './torrent-client.js';

const PIECE_LENGTH = 64 * 1024;
// a steady peer: one 16 KiB block every 10 ms, 1.6 MB/s. One second of that rate, which is what
// the client would otherwise keep outstanding, is about 100 blocks
const STEADY_EVERY_MS = 10;
const ONE_SECOND_OF_BLOCKS = 1000 / STEADY_EVERY_MS;

let dir: string;
let client: TorrentClient;
let seeder: MeteredSeeder | undefined;
let serving: NodeJS.Timeout | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-paced-'));
});

afterEach(async () => {
  clearInterval(serving);
  seeder?.close();
  await client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

async function downloadingFromMeteredSeeder(): Promise<MeteredSeeder> {
  const data = randomBytes(32 * 1024 * 1024);
  // a video name: a torrent with nothing to play is stopped before any piece is fetched
  const torrent = torrentOf(data, 'paced.mp4', PIECE_LENGTH);
  const torrentPort = await freePort();
  client = loopbackClient(torrentPort);
  const managed = client.add({ kind: 'torrent', ...torrent }, dir);
  await new Promise((resolve) => managed.once('ready', resolve));
  managed.torrent.select(0, managed.torrent.pieces.length - 1, 1);
  const metered = connectMeteredSeeder(torrentPort, torrent.infoHash, data, PIECE_LENGTH);
  await metered.interested;
  metered.unchoke();
  return metered;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('keeps a fraction of a second of sending queued at a steady peer, and keeps it busy', async () => {
  seeder = await downloadingFromMeteredSeeder();
  let sent = 0;
  let idleTicks = 0;
  serving = setInterval(() => {
    const bytes = seeder?.serveSome(1) ?? 0;
    sent += bytes;
    if (bytes === 0) idleTicks += 1;
  }, STEADY_EVERY_MS);
  await wait(3000);
  const before = { sent, idleTicks };
  const queued: number[] = [];
  for (let i = 0; i < 20; i++) {
    await wait(100);
    queued.push(seeder.outstanding());
  }
  const largest = Math.max(...queued);
  console.log(`[measure] blocks queued at a steady peer: ${queued.join(' ')}`);
  expect(largest, 'at most about 0.4 s of its sending').toBeLessThanOrEqual(
    0.4 * ONE_SECOND_OF_BLOCKS,
  );
  expect(idleTicks - before.idleTicks, 'ticks when the peer had nothing to send').toBeLessThan(10);
  expect(sent - before.sent, 'bytes sent in those 2 s').toBeGreaterThan(0);
}, 30_000);

it('keeps asking a peer that sends in bursts for more as it delivers', async () => {
  seeder = await downloadingFromMeteredSeeder();
  // a second of steady sending first, so the client has seen how fast a block can come back
  serving = setInterval(() => seeder?.serveSome(1), STEADY_EVERY_MS);
  await wait(1000);
  clearInterval(serving);
  // then every 500 ms, everything that is queued (a peer that serves requests at intervals)
  const bursts: number[] = [];
  serving = setInterval(() => {
    bursts.push(seeder?.serveAll() ?? 0);
  }, 500);
  await wait(5000);
  const blocks = bursts.map((bytes) => bytes / (16 * 1024));
  console.log(`[measure] blocks per burst: ${blocks.join(' ')}`);
  const last = blocks.slice(-3);
  // paced by its delay (up to 500 ms, all of it waiting at the peer) it would fall to 4 blocks
  expect(Math.min(...last), 'blocks sent in each of the last bursts').toBeGreaterThanOrEqual(16);
}, 30_000);
