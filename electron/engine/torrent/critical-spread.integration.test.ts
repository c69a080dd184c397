// The piece the player waits for is shared among the peers that have it (patches/webtorrent+*.patch,
// spreadCritical): the first peer to unchoke no longer takes all its blocks, so two peers bring it
// in about half the time. A real torrent client against two seeders that answer only when told to.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../test-support/bt-clients.js';
import { torrentOf, loopbackClient, until } from '../test-support/metered-torrent.js';
import { connectMeteredSeeder, type MeteredSeeder } from '../test-support/metered-seeder.js';
import { PlaybackPriority } from './playback-priority.js';
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

/** Playback of a film of `megabytes` from its start, offered by two metered seeders named `names`. */
async function playingFromTwoSeeders(
  megabytes: number,
  names: [string, string],
): Promise<{
  managed: ReturnType<TorrentClient['add']>;
  priority: PlaybackPriority;
  peers: [MeteredSeeder, MeteredSeeder];
}> {
  const data = randomBytes(megabytes * 1024 * 1024);
  const torrent = torrentOf(data, `${names.join('-')}.webm`, PIECE_LENGTH);
  const torrentPort = await freePort();
  client = loopbackClient(torrentPort);
  const managed = client.add({ kind: 'torrent', ...torrent }, dir);
  await new Promise((resolve) => managed.once('ready', resolve));
  const file = managed.torrent.files[0];
  if (!file) throw new Error('the torrent has no file');
  const priority = new PlaybackPriority(managed.torrent, file, 30);
  priority.start(0, 60);
  const peers = names.map((name) =>
    connectMeteredSeeder(torrentPort, torrent.infoHash, data, PIECE_LENGTH, name),
  ) as [MeteredSeeder, MeteredSeeder];
  seeders.push(...peers);
  await Promise.all(peers.map((peer) => peer.interested));
  return { managed, priority, peers };
}

it('asks two peers for the blocks of the piece the player waits for, not one for all', async () => {
  const {
    peers: [first, second],
  } = await playingFromTwoSeeders(8, ['a', 'b']);
  // the first to unchoke would take every block of piece 0 (its pipeline has room for 16)
  first.unchoke();
  const forFirstPiece = (seeder: MeteredSeeder) => seeder.outstandingIn(0);
  await until(() => first.outstanding() > 0, 'requests to the first peer');
  await new Promise((resolve) => setTimeout(resolve, 300));
  second.unchoke();
  await until(() => forFirstPiece(second) > 0, 'requests for piece 0 to the second peer');
  console.log(
    `[measure] blocks of piece 0 asked of each peer: ${forFirstPiece(first)}, ${forFirstPiece(second)}`,
  );
  expect(forFirstPiece(first), 'blocks of piece 0 asked of the first peer').toBeLessThan(BLOCKS);
  expect(forFirstPiece(first) + forFirstPiece(second), 'every block asked of someone').toBe(BLOCKS);
}, 30_000);

it('leaves the piece the player waits for to the fast peer when the other is much slower', async () => {
  const {
    managed,
    priority,
    peers: [fast, slow],
  } = await playingFromTwoSeeders(32, ['fast', 'slow']);
  fast.unchoke();
  slow.unchoke();
  // two seconds for the client to learn their rates: one block every 10 ms against every 400 ms
  const serving = [
    setInterval(() => fast.serveSome(1), 10),
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
