// A magnet's xs= link to its .torrent file, on loopback: used when its info hash matches (the
// metadata is known at once, no peer needed for it), ignored when it does not or cannot be reached.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let other: Awaited<ReturnType<typeof startSeeder>>;
let server: Server;
let base: string;
let engine: Engine;
let source: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-xs-'));
  const film = await makeTestVideo(dir, { seconds: 4, name: 'film.mp4' });
  source = await readFile(film);
  tracker = await startTracker();
  seeder = await startSeeder({ path: film, announce: [tracker.announceUrl] });
  other = await startSeeder({
    path: await makeTestVideo(dir, { seconds: 2, name: 'other.mp4' }),
    announce: [tracker.announceUrl],
  });
  server = createServer((req, res) => {
    const body = req.url === '/film.torrent' ? seeder.torrentBytes : other.torrentBytes;
    res.setHeader('Content-Type', 'application/x-bittorrent');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  server?.close();
  await other?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

it('uses the .torrent behind xs= when its info hash matches: files known at once, bytes exact', async () => {
  const magnet = `magnet:?xt=urn:btih:${seeder.infoHash}&xs=${encodeURIComponent(`${base}/film.torrent`)}`;
  const item = await engine.handlers['library:add']({ source: { kind: 'magnet', uri: magnet } });
  expect(item.files.map((f) => f.path)).toEqual(['film.mp4']);
  const session = await engine.handlers['playback:start']({ itemId: item.id });
  const res = await fetch(session.streamUrl ?? '');
  expect(Buffer.from(await res.arrayBuffer()).equals(source)).toBe(true);
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  await engine.handlers['library:remove']({ itemId: item.id, deleteData: true });
});

it.each([
  ['points at another torrent', () => `${base}/other.torrent`],
  ['cannot be reached', () => 'http://127.0.0.1:9/film.torrent'],
])('falls back to the plain magnet when xs= %s', async (_case, link) => {
  const magnet = `magnet:?xt=urn:btih:${seeder.infoHash}&tr=${encodeURIComponent(tracker.announceUrl)}&xs=${encodeURIComponent(link())}`;
  const item = await engine.handlers['library:add']({ source: { kind: 'magnet', uri: magnet } });
  expect(item.id).toBe(seeder.infoHash);
  expect(item.files).toEqual([]); // metadata still to come from peers
  await engine.handlers['library:remove']({ itemId: item.id, deleteData: true });
});
