// Downloading rarest-first, the torrent client finishes the pieces it has started before starting
// new ones (patches/webtorrent+*.patch): otherwise every bit of room in a peer's pipeline starts
// another random piece, and hundreds of half-filled pieces wait in memory on a big torrent.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../test-support/bt-clients.js';
import { torrentOf, loopbackClient } from '../test-support/metered-torrent.js';
import { connectMeteredSeeder, type MeteredSeeder } from '../test-support/metered-seeder.js';
import type { TorrentClient } from './torrent-client.js';

const PIECE_LENGTH = 256 * 1024; // 16 blocks
const PIECES = 64;
const ROUNDS = 30;
const BLOCKS_PER_ROUND = 3;

let dir: string;
let client: TorrentClient | undefined;
let seeder: MeteredSeeder | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-started-pieces-'));
});

afterEach(async () => {
  seeder?.close();
  await client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

async function settled(count: () => number): Promise<number> {
  let last = -1;
  while (count() !== last) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

it('finishes started pieces before starting new ones when going rarest-first', async () => {
  const data = randomBytes(PIECES * PIECE_LENGTH);
  const torrent = torrentOf(data, 'pieces.mkv', PIECE_LENGTH);
  const torrentPort = await freePort();
  client = loopbackClient(torrentPort);
  const managed = client.add({ kind: 'torrent', ...torrent }, dir);
  await new Promise((resolve) => managed.once('ready', resolve));
  // the whole file wanted, in the background: the torrent stays rarest-first
  managed.torrent.select(0, PIECES - 1, 0);

  seeder = connectMeteredSeeder(torrentPort, torrent.infoHash, data, PIECE_LENGTH);
  await seeder.interested;
  seeder.unchoke();
  await settled(() => seeder?.outstanding() ?? 0);
  // the peer answers a few blocks at a time, so the pipeline has a little room again and again
  for (let round = 0; round < ROUNDS; round++) {
    seeder.serveSome(BLOCKS_PER_ROUND);
    await settled(() => seeder?.outstanding() ?? 0);
  }
  const verified = managed.torrent.pieces.filter((piece) => piece === null).length;
  const open = seeder.outstandingPieces().length;
  console.log(
    `[measure] after ${ROUNDS * BLOCKS_PER_ROUND} blocks served a few at a time: ${open} pieces asked for at once, ${verified} verified`,
  );
  // what was served fills this many whole pieces when pieces are finished one after another;
  // spreading the blocks over new pieces each round leaves them half-filled instead
  const servedPieces = Math.floor((ROUNDS * BLOCKS_PER_ROUND * 16 * 1024) / PIECE_LENGTH);
  expect(verified, 'pieces completed by the blocks served').toBeGreaterThanOrEqual(
    servedPieces - 1,
  );
  expect(open, 'pieces with blocks asked for at once').toBeLessThanOrEqual(4);
}, 60_000);
