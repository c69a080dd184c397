// Torrents whose other files are empty or one byte long (at the end, or between two files) play
// like any other: real torrents made by the torrent library, seeded on a loopback swarm.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PlaybackSession } from '../../shared/domain.js';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { rawRequest } from './test-support/stream-helpers.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

const PIECE = 16 * 1024;
let dir: string;
let film: Buffer;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let engine: Engine;
const seeders: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-small-files-'));
  film = await readFile(await makeTestVideo(dir, { seconds: 8, name: 'film.mp4' }));
  tracker = await startTracker();
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  for (const s of seeders) await s.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A folder torrent of the given files (names sort in this order), seeded on the swarm. */
async function seedFolder(name: string, files: [string, Buffer][]) {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  for (const [file, bytes] of files) await writeFile(join(folder, file), bytes);
  const seeder = await startSeeder({
    path: folder,
    announce: [tracker.announceUrl],
    pieceLength: PIECE,
  });
  seeders.push(seeder);
  return seeder;
}

/** Adds the torrent, plays it, and waits until the session knows its file (or fails). */
async function play(torrentBytes: Buffer, name: string) {
  const item = await engine.handlers['library:add']({
    source: { kind: 'file', name: `${name}.torrent`, base64: torrentBytes.toString('base64') },
  });
  const attached = new Promise<PlaybackSession>((resolve) => {
    const off = engine.on('session', (s) => {
      if (s.itemId === item.id && (s.fileName !== undefined || s.phase === 'error')) {
        off();
        resolve(s);
      }
    });
  });
  await engine.handlers['playback:start']({ itemId: item.id });
  return { item, session: await attached };
}

it.each([
  [
    'an empty last file',
    [
      ['film.mp4', 'film'],
      ['zz-empty.txt', Buffer.alloc(0)],
    ],
  ],
  [
    'a one-byte last file',
    [
      ['film.mp4', 'film'],
      ['zz-one.txt', Buffer.from('x')],
    ],
  ],
  [
    'an empty file between two others',
    [
      ['a-film.mp4', 'film'],
      ['m-empty.txt', Buffer.alloc(0)],
      ['z-notes.txt', Buffer.from('notes')],
    ],
  ],
] as const)(
  'plays a torrent with %s',
  async (label, spec) => {
    const files = spec.map(([n, b]) => [n, b === 'film' ? film : b] as [string, Buffer]);
    const folder = label.replace(/\W+/g, '-');
    const seeder = await seedFolder(folder, files);
    const { item, session } = await play(seeder.torrentBytes, folder);
    // the torrent really holds the small files, in this order
    expect(item.files.map((f) => [f.path.split('/').pop(), f.length])).toEqual(
      files.map(([n, b]) => [n, b.length]),
    );
    expect(session.phase).not.toBe('error');
    expect(session.fileName).toMatch(/film\.mp4$/);

    const path = new URL(session.streamUrl ?? '').pathname;
    const origin = new URL(session.streamUrl ?? '').origin;
    const whole = await rawRequest(origin, path);
    expect(whole.status).toBe(200);
    expect(whole.body.equals(film)).toBe(true);
    const first = await rawRequest(origin, path, { headers: { range: 'bytes=0-0' } });
    expect(first.body.equals(film.subarray(0, 1))).toBe(true);
    const last = await rawRequest(origin, path, { headers: { range: 'bytes=-1' } });
    expect(last.body.equals(film.subarray(film.length - 1))).toBe(true);

    // the whole torrent completes and shares, small files included
    const stats = await new Promise<{ progress: number; status: string }>((resolve) => {
      const off = engine.on('stats', (all) => {
        const mine = all.find((s) => s.itemId === item.id);
        if (mine && mine.progress >= 1) {
          off();
          resolve(mine);
        }
      });
    });
    expect(stats.status).toBe('seeding');

    await engine.handlers['playback:stop']({ sessionId: session.sessionId });
    const saved = (await engine.handlers['library:list']({})).find((i) => i.id === item.id);
    expect(saved?.status).not.toBe('error');
  },
  60_000,
);
