// The piece the player waits for is shared among the peers that have it (patches/webtorrent+*.patch,
// spreadCritical): the first peer to unchoke no longer takes all its blocks, so two peers bring it
// in about half the time. A real torrent client against two seeders that answer only when told to.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { until } from '../test-support/metered-torrent.js';
import type { MeteredSeeder } from '../test-support/metered-seeder.js';
import {
  playingFromMeteredSeeders,
  type MeteredPlayback,
} from '../test-support/metered-playback.js';
import type { TorrentClient } from './torrent-client.js';

const PIECE_LENGTH = 256 * 1024; // 16 blocks
const BLOCKS = PIECE_LENGTH / (16 * 1024);

let dir: string;
let client: TorrentClient | undefined;
const seeders: MeteredSeeder[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-critical-spread-'));
});

afterEach(async () => {
  for (const seeder of seeders.splice(0)) seeder.close();
  await client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

/** Playback from metered seeders; the client and the peers are closed after the test. */
async function playingFrom(
  megabytes: number,
  names: string[],
): Promise<Omit<MeteredPlayback, 'client'>> {
  const playback = await playingFromMeteredSeeders(dir, megabytes, PIECE_LENGTH, names);
  client = playback.client;
  seeders.push(...playback.peers);
  return playback;
}

it('asks every peer for some blocks of the piece the player waits for, not the first for all', async () => {
  const { peers } = await playingFrom(8, ['a', 'b', 'c']);
  const forFirstPiece = (seeder: MeteredSeeder) => seeder.outstandingIn(0);
  // they unchoke one after the other; each would fill its pipeline (8 blocks) with piece 0 alone
  for (const peer of peers) {
    peer.unchoke();
    await until(() => peer.outstanding() > 0, 'requests to the peer that unchoked');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const shares = peers.map(forFirstPiece);
  console.log(`[measure] blocks of piece 0 asked of each peer: ${shares.join(', ')}`);
  expect(
    shares.every((blocks) => blocks > 0),
    'each peer has some of piece 0',
  ).toBe(true);
  expect(
    shares.reduce((sum, blocks) => sum + blocks, 0),
    'every block asked of someone',
  ).toBe(BLOCKS);
}, 30_000);

it('leaves the piece the player waits for to the fast peer when the other is much slower', async () => {
  const {
    managed,
    priority,
    peers: [fast, slow],
  } = await playingFrom(32, ['fast', 'slow']);
  if (!fast || !slow) throw new Error('two peers expected');
  fast.unchoke();
  slow.unchoke();
  // two seconds for the client to learn their rates: two blocks every 5 ms against one every 400 ms
  const serving = [
    setInterval(() => fast.serveSome(2), 5),
    setInterval(() => slow.serveSome(1), 400),
  ];
  try {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // from now on both hold what they are asked for, so it can be counted
    for (const timer of serving) clearInterval(timer);
    // a seek to the middle, to a piece nobody has asked for yet (the end of the file would be
    // read as its index): the pieces there become the critical ones
    const asked = new Set([...fast.outstandingPieces(), ...slow.outstandingPieces()]);
    let target = managed.torrent.pieces.length / 2;
    while (managed.torrent.bitfield?.get(target) || asked.has(target)) target += 1;
    priority.onRangeRequest(target * PIECE_LENGTH);
    await until(() => fast.outstandingIn(target) > 0, 'requests for the new position');
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(
      `[measure] blocks of the seek's piece asked of the fast and the slow peer: ${fast.outstandingIn(target)}, ${slow.outstandingIn(target)}`,
    );
    expect(slow.outstandingIn(target), "the slow peer's blocks of that piece").toBe(0);
    // equal shares would leave it half the piece, the other half waiting for the slow peer
    expect(fast.outstandingIn(target), "the fast peer's blocks of that piece").toBeGreaterThan(
      BLOCKS / 2,
    );
  } finally {
    for (const timer of serving) clearInterval(timer);
  }
}, 30_000);

it('lets a peer that unchokes after the first has sent some blocks share the first pieces', async () => {
  const {
    peers: [first, second],
  } = await playingFrom(8, ['first', 'second']);
  if (!first || !second) throw new Error('two peers expected');
  first.unchoke();
  await until(() => first.outstanding() > 0, 'requests to the first peer');
  // its first blocks give it a rate; the second has none yet when it unchokes a moment later
  first.serveSome(4);
  await new Promise((resolve) => setTimeout(resolve, 150));
  second.unchoke();
  await until(() => second.outstanding() > 0, 'requests to the second peer');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const pieces = second.outstandingPieces();
  console.log(`[measure] pieces asked of the peer that unchoked second: ${pieces.join(', ')}`);
  // ranked at 1 byte/s until it had sent something, it was kept off the critical pieces (0 and 1)
  // and the next ones, and asked only for pieces ten and more pieces ahead
  expect(Math.min(...pieces), 'the nearest piece asked of the second peer').toBeLessThanOrEqual(1);
}, 30_000);

it("marks a seek's nearest pieces critical before it selects them", async () => {
  const { managed, priority } = await playingFrom(8, ['a', 'b']);
  const { torrent } = managed;
  // selecting makes webtorrent fill its peers' queues at once: a piece not yet marked critical
  // then goes whole to the first peer with room, without the share rule
  const unmarkedWhenSelected: number[] = [];
  const select = torrent._select.bind(torrent);
  torrent._select = (from, to, ...rest) => {
    for (let piece = from; piece <= to; piece += 1)
      if (!torrent._critical[piece]) unmarkedWhenSelected.push(piece);
    select(from, to, ...rest);
  };
  const target = Math.floor(torrent.pieces.length / 2);
  priority.onRangeRequest(target * PIECE_LENGTH);
  expect(torrent._critical[target], 'the piece at the new position is critical').toBe(true);
  expect(unmarkedWhenSelected, 'critical pieces selected before they were marked').not.toContain(
    target,
  );
}, 30_000);
