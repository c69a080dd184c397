// The local network on a real loopback swarm: peers, trackers and web seeds on this machine are
// refused unless allowed; the player says why a title whose only tracker is local waits; allowing
// the local network in the settings applies at once to the torrent already running.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebTorrent, { type Torrent } from 'webtorrent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybackSession } from '../../shared/domain.js';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startSeeder, startTracker } from './test-support/swarm.js';
import { TorrentClient } from './torrent/torrent-client.js';

let dir: string;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-localnet-'));
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A plain webtorrent seeder in this process, with no tracker: peers only meet when told to. */
async function seedInProcess(path: string): Promise<{ client: WebTorrent; torrent: Torrent }> {
  const client = new WebTorrent({
    dht: false,
    lsd: false,
    utPex: false,
    natUpnp: false,
    natPmp: false,
  });
  closers.push(() => new Promise<void>((resolve) => client.destroy(() => resolve())));
  const torrent = await new Promise<Torrent>((resolve) => {
    (client as unknown as { seed(p: string, cb: (t: Torrent) => void): void }).seed(path, resolve);
  });
  return { client, torrent };
}

describe('peers on this machine', () => {
  it('are refused both ways unless allowed, and come in the moment they are', async () => {
    // named as a video: the client stops torrents with nothing to play
    const file = join(dir, 'peer-data.mp4');
    await writeFile(file, randomBytes(300 * 1024));
    const seeder = await seedInProcess(file);
    const seederPort = seeder.client.address()?.port ?? 0;
    const ourPort = await freePort();
    const client = new TorrentClient({
      dht: false,
      lsd: false,
      allowPrivateAddresses: false,
      torrentPort: ourPort,
      maxConns: 55,
      downloadLimit: 0,
      uploadLimit: 0,
      log: () => {},
    });
    closers.push(() => client.destroy());
    const managed = client.add(
      { kind: 'torrent', infoHash: seeder.torrent.infoHash, bytes: seeder.torrent.torrentFile },
      join(dir, 'peer-download'),
    );
    await managed.whenReady();
    managed.torrent.select(0, managed.torrent.pieces.length - 1);

    // outgoing: what a tracker, the DHT or peer exchange would hand over
    expect(managed.torrent.addPeer(`127.0.0.1:${seederPort}`)).toBe(false);
    // incoming: the other side dials this machine's own port
    seeder.torrent.addPeer(`127.0.0.1:${ourPort}`);
    await sleep(2_000);
    expect(managed.torrent.numPeers).toBe(0);
    // an incoming peer is dropped right after its 68-byte handshake: not one byte of the film
    expect(managed.torrent.downloaded).toBe(0);

    client.setLocalNetworkAllowed(true);
    const done = new Promise<void>((resolve) => managed.torrent.once('done', () => resolve()));
    // the seeder keeps dialling too: whichever side connects first, the film now comes in
    managed.torrent.addPeer(`127.0.0.1:${seederPort}`);
    await done;
    expect(managed.torrent.received).toBeGreaterThan(0);

    // and refused again: the open connection is closed at once
    client.setLocalNetworkAllowed(false);
    await expect.poll(() => managed.torrent.numPeers, { timeout: 5_000 }).toBe(0);
  }, 60_000);
});

describe('a title whose only tracker is on this machine', () => {
  let engine: Engine;
  let source: Buffer;
  let torrentBytes: Buffer;
  const sessions: PlaybackSession[] = [];

  beforeAll(async () => {
    const film = await makeTestVideo(dir, { seconds: 4, name: 'local-film.mp4' });
    source = await readFile(film);
    const tracker = await startTracker();
    closers.push(() => tracker.close());
    const seeder = await startSeeder({ path: film, announce: [tracker.announceUrl] });
    closers.push(() => seeder.close());
    torrentBytes = seeder.torrentBytes;
    engine = await createLoopbackEngine(join(dir, 'data'), { allowPrivateAddresses: false });
    closers.push(() => engine.close());
    engine.on('session', (s) => sessions.push(s));
  }, 120_000);

  it('waits with the reason said, then plays once the local network is allowed', async () => {
    expect((await engine.handlers['settings:get']({})).allowLocalNetwork).toBe(false);
    const item = await engine.handlers['library:add']({
      source: { kind: 'file', name: 'local-film.torrent', base64: torrentBytes.toString('base64') },
    });
    const session = await engine.handlers['playback:start']({ itemId: item.id });
    await expect
      .poll(() => sessions.at(-1)?.waitReason, { timeout: 10_000 })
      .toBe('local-trackers-refused');
    await sleep(2_000);
    expect((await engine.handlers['library:list']({}))[0]?.downloaded).toBe(0);

    const next = await engine.handlers['settings:update']({ allowLocalNetwork: true });
    expect(next.allowLocalNetwork).toBe(true);
    expect(sessions.at(-1)?.waitReason).toBeUndefined();
    // the torrent already running finds the local tracker and its seeder: the bytes are exact
    const res = await fetch(session.streamUrl ?? '');
    expect(Buffer.from(await res.arrayBuffer()).equals(source)).toBe(true);
    await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  }, 60_000);
});
