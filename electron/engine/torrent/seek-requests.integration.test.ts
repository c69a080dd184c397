// What a seek does to the requests already sent: blocks asked for the old position are withdrawn
// (cancel messages), so a peer's queue serves the new position first instead of finishing the old
// one; a playhead report that lags behind the player's read leaves the window at the read; an
// index read at the end survives the seek that follows; a new peer is first asked for what the
// player needs.
// A real torrent client against a seeder that answers only when told to.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../test-support/bt-clients.js';
import { torrentOf, loopbackClient, until } from '../test-support/metered-torrent.js';
import { connectMeteredSeeder, type MeteredSeeder } from '../test-support/metered-seeder.js';
import { piecesOfBytes } from './piece-plan.js';
import { PlaybackPriority } from './playback-priority.js';
import type { TorrentClient } from './torrent-client.js';

const PIECE_LENGTH = 256 * 1024;
const FILE_LENGTH = 16 * 1024 * 1024; // 64 pieces
const DURATION_SECONDS = 160; // 100 KiB/s: a 30 s window is 12 pieces
const SEEK_BYTE = 12 * 1024 * 1024; // piece 48, far outside the first window
const WINDOW_PIECES = 12;

let dir: string;
let client: TorrentClient | undefined;
let seeder: MeteredSeeder | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-seek-requests-'));
});

afterEach(async () => {
  seeder?.close();
  await client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

async function startPlayback(name = 'seek.webm'): Promise<{
  managed: ReturnType<TorrentClient['add']>;
  priority: PlaybackPriority;
  seeder: MeteredSeeder;
}> {
  const data = randomBytes(FILE_LENGTH);
  const torrent = torrentOf(data, name, PIECE_LENGTH);
  const torrentPort = await freePort();
  client = loopbackClient(torrentPort);
  const managed = client.add({ kind: 'torrent', ...torrent }, dir);
  await new Promise((resolve) => managed.once('ready', resolve));
  const file = managed.torrent.files[0];
  if (!file) throw new Error('the torrent has no file');
  const priority = new PlaybackPriority(managed.torrent, file, 30);
  priority.start(0, DURATION_SECONDS);

  const seeder = connectMeteredSeeder(torrentPort, torrent.infoHash, data, PIECE_LENGTH);
  return { managed, priority, seeder };
}

it('withdraws the requests for the old position when the player seeks far away', async () => {
  const started = await startPlayback();
  const { managed, priority } = started;
  seeder = started.seeder;
  await seeder.interested;
  seeder.unchoke();
  // the container header (piece 0) first; once it is in, the window's next pieces are asked for
  await until(() => (seeder?.outstanding() ?? 0) >= 8, 'requests for the header');
  seeder.serveAll();
  const inOldWindow = (p: number) => p > 0 && p < WINDOW_PIECES;
  await until(
    () => (seeder?.outstandingPieces() ?? []).some(inOldWindow),
    'requests for the first window',
  );

  priority.onRangeRequest(SEEK_BYTE);
  const target = piecesOfBytes(
    { fileOffset: 0, fileLength: FILE_LENGTH, pieceLength: PIECE_LENGTH },
    SEEK_BYTE,
    SEEK_BYTE,
  ).from;
  // only the header (piece 0) and the new window are wanted now
  const stale = (pieces: number[]) =>
    pieces.filter((p) => p !== 0 && (p < target || p >= target + WINDOW_PIECES));
  await until(() => stale(seeder?.outstandingPieces() ?? []).length === 0, 'cancels');
  const wire = managed.torrent.wires[0];
  expect(stale(wire?.requests.map((r) => r.piece) ?? []), 'still asked of the peer').toEqual([]);
  await until(
    () => (seeder?.outstandingPieces() ?? []).includes(target),
    'a request at the new position',
  );

  // and the new position is fetched: answer what is asked until its first piece is verified
  const verified = new Promise((resolve) =>
    managed.torrent.on('verified', (index: number) => index === target && resolve(index)),
  );
  const serving = setInterval(() => seeder?.serveAll(), 20);
  try {
    await verified;
  } finally {
    clearInterval(serving);
  }
}, 30_000);

it('withdraws them too when the seek lands in the far part of the read-ahead window', async () => {
  const started = await startPlayback();
  const { priority } = started;
  seeder = started.seeder;
  await seeder.interested;
  seeder.unchoke();
  await until(() => (seeder?.outstanding() ?? 0) >= 8, 'requests for the header');
  seeder.serveAll();
  const next = (p: number) => p > 0 && p <= 3;
  await until(
    () => (seeder?.outstandingPieces() ?? []).some(next),
    'requests for the next seconds',
  );
  // piece 8 is inside the 30 s window (12 pieces), in its far band, fetched rarest-first: the
  // next seconds of the old position are still in the peer's queue ahead of it
  const target = 8;
  priority.onRangeRequest(target * PIECE_LENGTH);
  const behind = (pieces: number[]) => pieces.filter((p) => p > 0 && p < target);
  await until(() => behind(seeder?.outstandingPieces() ?? []).length === 0, 'cancels');
  await until(
    () => (seeder?.outstandingPieces() ?? []).includes(target),
    'a request at the new position',
  );
}, 30_000);

it("keeps the window at the player's read when a playhead report lags behind it", async () => {
  const started = await startPlayback();
  const { priority } = started;
  seeder = started.seeder;
  await seeder.interested;
  seeder.unchoke();
  await until(() => (seeder?.outstanding() ?? 0) >= 8, 'requests for the header');
  seeder.serveAll();
  // the player reads ahead of what it shows: its read is at the seek byte, the playhead at 2 s
  priority.readerAt(SEEK_BYTE);
  const target = SEEK_BYTE / PIECE_LENGTH;
  await until(() => (seeder?.outstandingPieces() ?? []).includes(target), "the read's piece");
  priority.setPlayhead(2, DURATION_SECONDS);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(seeder.outstandingPieces(), 'the piece the read waits for').toContain(target);
  expect(
    seeder.outstandingPieces().filter((p) => p > 0 && p < target),
    'pieces behind the read, asked for because of the playhead',
  ).toEqual([]);
}, 30_000);

it('reads the index at the end of a Matroska file without losing it to the seek that follows', async () => {
  const started = await startPlayback('film.mkv');
  const { priority } = started;
  seeder = started.seeder;
  await seeder.interested;
  seeder.unchoke();
  await until(() => (seeder?.outstanding() ?? 0) >= 8, 'requests for the header');
  seeder.serveAll();
  // the player reads the cues in the last piece, then seeks to the middle
  const lastPiece = FILE_LENGTH / PIECE_LENGTH - 1;
  priority.onRangeRequest(FILE_LENGTH - 1000);
  priority.readerAt(FILE_LENGTH - 900);
  await until(() => (seeder?.outstandingPieces() ?? []).includes(lastPiece), 'the index piece');
  priority.onRangeRequest(SEEK_BYTE);
  // the seek withdraws what it no longer needs at once (cancel messages): the index stays
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(seeder.outstandingPieces(), 'the index piece, still asked for').toContain(lastPiece);
  // the player reads the index before it reads at the seek: the seek's piece comes next
  const target = SEEK_BYTE / PIECE_LENGTH;
  const serving = setInterval(() => seeder?.serveSome(1), 20);
  try {
    await until(() => (seeder?.outstandingPieces() ?? []).includes(target), 'the seek piece');
  } finally {
    clearInterval(serving);
  }
}, 30_000);

it("fetches a Matroska file's end (its cues, read by any seek) once playback is under way", async () => {
  const started = await startPlayback('film.mkv');
  const { priority } = started;
  seeder = started.seeder;
  await seeder.interested;
  seeder.unchoke();
  await until(() => (seeder?.outstanding() ?? 0) >= 8, 'requests for the header');
  const lastPiece = FILE_LENGTH / PIECE_LENGTH - 1;
  expect(seeder.outstandingPieces(), 'the end, before playback starts').not.toContain(lastPiece);
  // the window's first playhead report (playback has started): the end is asked for after the
  // pieces the read waits for and before the rest of the read-ahead window
  priority.setPlayhead(0, DURATION_SECONDS);
  const farBand = (piece: number) => piece >= 2 && piece < lastPiece; // 5 s ahead and more
  let askedBefore: number[] = [];
  const serving = setInterval(() => {
    const asked = seeder?.outstandingPieces() ?? [];
    const at = asked.indexOf(lastPiece);
    if (at >= 0) askedBefore = asked.slice(0, at);
    else seeder?.serveSome(1); // requests are listed in the order they came
  }, 10);
  try {
    await until(() => (seeder?.outstandingPieces() ?? []).includes(lastPiece), 'the end');
  } finally {
    clearInterval(serving);
  }
  expect(askedBefore.filter(farBand), 'the rest of the window, asked before it').toEqual([]);
}, 30_000);

it('asks a new peer first for what the player needs, not for the end of the file', async () => {
  const started = await startPlayback();
  seeder = started.seeder;
  await seeder.interested;
  seeder.unchoke();
  await until(() => (seeder?.outstanding() ?? 0) >= 8, 'the first requests');
  const lastPiece = FILE_LENGTH / PIECE_LENGTH - 1;
  expect(seeder.outstandingPieces()[0], 'the first piece asked for').toBe(0);
  expect(seeder.outstandingPieces(), 'the last piece, nobody needs it yet').not.toContain(
    lastPiece,
  );
}, 30_000);
