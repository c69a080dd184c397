// An MP4 with its index (moov) after the media: the torrent client asks for the index's pieces as
// soon as a peer's first block shows where it is, not only once the whole first piece has arrived
// and been verified. A real ffmpeg-made file and a seeder that answers only when told to.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../test-support/bt-clients.js';
import { torrentOf, loopbackClient, until } from '../test-support/metered-torrent.js';
import { makeTestVideo } from '../test-support/media.js';
import { connectMeteredSeeder, type MeteredSeeder } from '../test-support/metered-seeder.js';
import { locateMoov } from './mp4-index.js';
import { piecesOfBytes } from './piece-plan.js';
import { PlaybackPriority } from './playback-priority.js';
import type { TorrentClient } from './torrent-client.js';

const PIECE_LENGTH = 64 * 1024; // 4 blocks: the first block alone does not complete piece 0

let dir: string;
let client: TorrentClient | undefined;
let seeder: MeteredSeeder | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-index-early-'));
});

afterEach(async () => {
  seeder?.close();
  await client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

it('asks for the index at the end as soon as the first block shows where it is', async () => {
  const path = await makeTestVideo(dir, { seconds: 20, faststart: false });
  const data = await readFile(path);
  const moov = locateMoov(data.subarray(0, 64 * 1024), data.length);
  if (moov.kind !== 'after-media') throw new Error(`the test film's index is ${moov.kind}`);
  const geometry = { fileOffset: 0, fileLength: data.length, pieceLength: PIECE_LENGTH };
  const indexPiece = piecesOfBytes(geometry, moov.start, moov.start).from;
  const torrent = torrentOf(data, 'film.mp4', PIECE_LENGTH);
  const torrentPort = await freePort();
  client = loopbackClient(torrentPort);
  const managed = client.add({ kind: 'torrent', ...torrent }, join(dir, 'download'));
  await new Promise((resolve) => managed.once('ready', resolve));
  const file = managed.torrent.files[0];
  if (!file) throw new Error('the torrent has no file');
  new PlaybackPriority(managed.torrent, file, 30).start(0, 20);

  seeder = connectMeteredSeeder(torrentPort, torrent.infoHash, data, PIECE_LENGTH);
  await seeder.interested;
  seeder.unchoke();
  await until(() => (seeder?.outstandingPieces() ?? []).includes(0), 'a request for piece 0');
  expect(seeder.outstandingPieces(), 'asked for the index before any data came').not.toContain(
    indexPiece,
  );
  // one block: the file's first 16 KiB, which hold the box headers; piece 0 stays incomplete
  seeder.serveSome(1);
  await until(
    () => (seeder?.outstandingPieces() ?? []).includes(indexPiece),
    'a request for the index piece',
  );
  expect(managed.torrent.bitfield?.get(0), 'piece 0 verified').toBe(false);
}, 60_000);
