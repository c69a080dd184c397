// When a channel is on air and when it is not: a stale manifest from the origin is refused and
// said so; a broadcaster that stops is shown off air within seconds; the same data folder brings
// the same channel (same link) back, and the viewer resumes by itself.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChannelLink } from '../../../shared/channel-link.js';
import { makeTestVideo } from '../test-support/media.js';
import { startBroadcaster } from '../test-support/live-processes.js';
import { TorrentClient } from '../torrent/torrent-client.js';
import { channelKeyOf } from './channel-key.js';
import { LiveViewer } from './live-viewer.js';
import { sha256Hex, signManifest } from './manifest.js';

let dir: string;
const closers: Array<() => Promise<unknown> | unknown> = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const client = () => {
  const c = new TorrentClient({
    dht: false,
    lsd: false,
    allowPrivateAddresses: true,
    maxConns: 55,
    downloadLimit: 0,
    uploadLimit: 0,
    log: () => {},
  });
  closers.push(() => c.destroy());
  return c;
};

async function until(check: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`still waiting after ${ms} ms`);
    await sleep(100);
  }
  return Date.now() - start;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-live-air-'));
});

afterAll(async () => {
  for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('on air and off air', () => {
  it('refuses a stale manifest from the origin, says so and plays nothing', async () => {
    const key = channelKeyOf(generateKeyPairSync('ed25519').privateKey);
    const segment = Buffer.alloc(1000, 1);
    const old = Date.now() - 5 * 60_000;
    const stale = signManifest(key, {
      v: 1,
      channel: key.publicKey,
      name: 'Old',
      seq: old,
      ts: old,
      target: 2,
      segments: [{ id: 1, dur: 2, bytes: segment.length, sha256: sha256Hex(segment), at: old }],
    });
    const server: Server = createServer((req, res) => {
      if (req.url === '/manifest.json') res.end(stale);
      else if (req.url === '/segments/1.ts') res.end(segment);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const viewer = new LiveViewer({
      client: client(),
      link: { publicKey: key.publicKey, origin, trackers: [] },
      profile: 'standard',
      uploadRate: 0,
      allowPrivate: true,
    });
    closers.push(() => viewer.close());
    await until(() => viewer.figures().problem !== undefined, 10_000);
    expect(viewer.figures().problem).toMatch(/out-of-date/);
    expect(viewer.manifests.problemCode).toBe('stale'); // the window says it in its language
    await sleep(1500);
    expect(viewer.figures()).toMatchObject({ state: 'connecting', segmentsPlayable: 0 });
  });

  it('shows off air within seconds of the broadcaster stopping, and resumes when it comes back', async () => {
    const clip = await makeTestVideo(dir, { seconds: 6, bitrateKbps: 300 });
    const dataDir = join(dir, 'channel');
    const first = await startBroadcaster({ input: clip, dataDir });
    closers.push(() => first.stop());
    const parsed = parseChannelLink(first.link);
    if (!parsed.ok) throw new Error(parsed.reason);
    const viewer = new LiveViewer({
      client: client(),
      link: parsed.link,
      profile: 'standard',
      uploadRate: 0,
      allowPrivate: true,
    });
    closers.push(() => viewer.close());
    await until(() => viewer.figures().segmentsPlayable >= 3, 30_000);
    expect(viewer.figures().state).toBe('on-air');

    await first.stop();
    const offAirAfter = await until(() => viewer.figures().state === 'off-air', 15_000);
    console.log(`off air shown ${(offAirAfter / 1000).toFixed(1)} s after the broadcaster stopped`);
    expect(viewer.figures().originReachable).toBe(false);

    const second = await startBroadcaster({ input: clip, dataDir });
    closers.push(() => second.stop());
    expect(second.link).toBe(first.link); // same folder, same key, same link
    const played = viewer.figures().segmentsPlayable;
    await until(() => viewer.figures().state === 'on-air', 30_000);
    await until(() => viewer.figures().segmentsPlayable >= played + 2, 30_000);
    // the restart is a break in the media: the playlist marks it for the player
    expect(viewer.playlist()).toContain('#EXT-X-DISCONTINUITY');
  }, 120_000);
});
