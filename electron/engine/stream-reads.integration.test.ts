// Byte ranges over real HTTP from a real loopback swarm: a small range fetches only the pieces it
// needs and sends exactly its bytes; a disk read error aborts the response and says so.
import { readFile, mkdtemp, rm, truncate } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PlaybackSession } from '../../shared/domain.js';
import type { Engine } from './engine-api.js';
import { createStreamServer, type StreamServer } from './stream/stream-server.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { rawRequest } from './test-support/stream-helpers.js';
import { startSeeder, startTracker } from './test-support/swarm.js';
import { TorrentClient } from './torrent/torrent-client.js';

const PIECE = 16 * 1024;
let dir: string;
let film: Buffer;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-reads-'));
  const path = await makeTestVideo(dir, { seconds: 20, bitrateKbps: 400 });
  film = await readFile(path);
  tracker = await startTracker();
  seeder = await startSeeder({ path, announce: [tracker.announceUrl], pieceLength: PIECE });
}, 120_000);

afterAll(async () => {
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

it('a small range selects only the pieces it needs and sends exactly its bytes', async () => {
  const client = new TorrentClient({
    dht: false,
    lsd: false,
    allowPrivateAddresses: true,
    maxConns: 20,
    downloadLimit: 0,
    uploadLimit: 0,
    log: () => {},
  });
  let server: StreamServer | undefined;
  try {
    const managed = client.add(
      { kind: 'torrent', infoHash: seeder.infoHash, bytes: seeder.torrentBytes },
      join(dir, 'client'),
    );
    // every selection the stream makes, as [first piece, last piece]
    const selected: [number, number][] = [];
    const torrent = managed.torrent;
    const select = torrent._select.bind(torrent);
    torrent._select = (from, to, priority, notify, stream) => {
      selected.push([from, to]);
      select(from, to, priority, notify, stream);
    };
    await managed.whenReady();
    server = await createStreamServer({
      allowedOrigins: [],
      resolve: async () => ({
        length: film.length,
        name: 'film.mp4',
        createReadStream: (range) => managed.openStream(0, range),
      }),
    });
    const path = new URL(server.urlFor('s1', 'film.mp4')).pathname;
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 0],
      ['bytes=1-1', 1, 1],
      ['bytes=100000-100099', 100_000, 100_099],
      [`bytes=${film.length - 1}-`, film.length - 1, film.length - 1],
    ];
    for (const [range, start, end] of cases) {
      selected.length = 0;
      const res = await rawRequest(server.origin, path, { headers: { range } });
      expect(res.status).toBe(206);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(res.body.equals(film.subarray(start, end + 1))).toBe(true);
      const piece = (byte: number) => Math.floor(byte / PIECE);
      expect(selected, range).toEqual([[piece(start), piece(end)]]);
    }
  } finally {
    await server?.close();
    await client.destroy();
  }
}, 60_000);

/** A GET that reports how it ended: complete, or cut short (and how many bytes came). */
function getRange(url: string, range: string) {
  const u = new URL(url);
  return new Promise<{ status: number; received: number; complete: boolean }>((resolve) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, headers: { range }, agent: false },
      (res) => {
        let received = 0;
        let complete = false;
        res.on('data', (c: Buffer) => (received += c.length));
        res.on('end', () => (complete = true));
        res.on('error', () => {});
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            received,
            complete: complete && !res.aborted,
          }),
        );
      },
    );
    req.on('error', () => resolve({ status: 0, received: 0, complete: false }));
    req.end();
  });
}

it('a disk read error aborts the response and the session says why', async () => {
  const engine: Engine = await createLoopbackEngine(join(dir, 'data'));
  try {
    const item = await engine.handlers['library:add']({
      source: {
        kind: 'file',
        name: 'film.torrent',
        base64: seeder.torrentBytes.toString('base64'),
      },
    });
    const complete = new Promise<void>((resolve) => {
      const off = engine.on('stats', (all) => {
        if ((all.find((s) => s.itemId === item.id)?.progress ?? 0) >= 1) {
          off();
          resolve();
        }
      });
    });
    const session = await engine.handlers['playback:start']({ itemId: item.id });
    await complete;
    const failed = new Promise<PlaybackSession>((resolve) => {
      const off = engine.on('session', (s) => {
        if (s.sessionId === session.sessionId && s.phase === 'error') {
          off();
          resolve(s);
        }
      });
    });
    // the film's data vanishes from under a complete torrent (a drive fault, another program)
    await truncate(join(dir, 'data', 'downloads', item.id, item.name), 0);

    const res = await getRange(session.streamUrl ?? '', `bytes=${film.length - 200_000}-`);
    // cut short, whether before or after the headers went out: never a complete-looking body
    expect([0, 206]).toContain(res.status);
    expect(res.complete).toBe(false);
    expect(res.received).toBeLessThan(200_000);
    const error = await failed;
    expect(error.errorMessage).toMatch(/could not read this film from the disk/i);
  } finally {
    await engine.close();
  }
}, 90_000);
