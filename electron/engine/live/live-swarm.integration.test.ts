// A real channel on loopback: the broadcaster command on an ffmpeg-made clip with its origin
// capped, four headless viewer commands sharing with each other, and a scripted malicious peer
// that answers every request with forged bytes. Offload is reported, never timed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChannelLink, type ChannelLink } from '../../../shared/channel-link.js';
import { makeTestVideo } from '../test-support/media.js';
import {
  runViewer,
  startBroadcaster,
  type BroadcasterProcess,
} from '../test-support/live-processes.js';
import { TorrentClient } from '../torrent/torrent-client.js';
import { generateKeyPairSync } from 'node:crypto';
import { channelKeyOf } from './channel-key.js';
import { ChannelSwarm, type SwarmPeer } from './channel-swarm.js';
import { LiveViewer } from './live-viewer.js';
import { sha256Hex, signManifest } from './manifest.js';

let dir: string;
let broadcaster: BroadcasterProcess;
let link: ChannelLink;
const closers: Array<() => Promise<unknown> | unknown> = [];

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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-live-'));
  const clip = await makeTestVideo(dir, { seconds: 8, bitrateKbps: 400 });
  // about 2x the stream's bitrate: the origin cannot simply serve every viewer
  broadcaster = await startBroadcaster({
    input: clip,
    dataDir: join(dir, 'channel'),
    uploadLimit: '200k',
  });
  const parsed = parseChannelLink(broadcaster.link);
  if (!parsed.ok) throw new Error(parsed.reason);
  link = parsed.link;
}, 60_000);

afterAll(async () => {
  for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
  await broadcaster?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a live channel on loopback', () => {
  it('four headless viewers play it, and a share of the bytes comes from each other', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(() => runViewer(broadcaster.link, 25)));
    let fromPeers = 0;
    let all = 0;
    for (const r of results) {
      expect(r['state']).toBe('on-air');
      expect(r['segmentsPlayable']).toBeGreaterThanOrEqual(5);
      fromPeers += Number(r['bytesFromPeers']);
      all +=
        Number(r['bytesFromPeers']) +
        Number(r['bytesFromBroadcaster']) +
        Number(r['bytesFromOrigin']);
    }
    const offload = fromPeers / all;
    console.log(
      `live, 4 viewers: offload ${(offload * 100).toFixed(1)}% (${results.map((r) => Number(r['offload']).toFixed(2)).join(', ')}); ` +
        `startup ${results.map((r) => r['startupMs']).join(', ')} ms; behind live ${results.map((r) => Number(r['behindLiveSeconds']).toFixed(1)).join(', ')} s; ` +
        `stalls ${results.map((r) => r['stalls']).join(', ')}`,
    );
    // discovery happens once per channel: each viewer announces when it joins, then once a minute
    const announces = /(\d+) tracker announces/.exec(broadcaster.output.at(-1) ?? '')?.[1];
    console.log(`tracker announces after four 25 s viewers: ${announces ?? '?'}`);
    expect(offload).toBeGreaterThan(0.05);
    for (const r of results) expect(r['offload']).toBeGreaterThanOrEqual(0);
  }, 90_000);

  it('a peer that sends forged segment bytes is banned, and the viewer still plays only true bytes', async () => {
    // the malicious peer: follows the manifest and claims every segment at once, then answers
    // each request with bytes of the right size and the wrong content
    const sizes = new Map<number, number>();
    const evil = new ChannelSwarm({
      client: client(),
      publicKey: link.publicKey,
      trackers: link.trackers,
      role: 'viewer',
      uploadRate: Infinity,
      segment: (id) => (sizes.has(id) ? Buffer.alloc(sizes.get(id) as number, 0x47) : undefined),
      held: () => [...sizes.keys()],
      log: () => {},
    });
    closers.push(() => evil.close());
    evil.on('manifest', (bytes: Uint8Array) => {
      const { payload } = JSON.parse(Buffer.from(bytes).toString()) as { payload: string };
      for (const s of (JSON.parse(payload) as { segments: { id: number; bytes: number }[] })
        .segments) {
        if (!sizes.has(s.id)) {
          sizes.set(s.id, s.bytes);
          evil.sendAll({ t: 'have', id: s.id });
        }
      }
    });
    await sleep(3000);

    const viewer = new LiveViewer({
      client: client(),
      link,
      profile: 'standard',
      uploadRate: 0,
      allowPrivate: true,
    });
    closers.push(() => viewer.close());
    const deadline = Date.now() + 40_000;
    while (
      Date.now() < deadline &&
      (viewer.figures().bannedPeers === 0 || viewer.figures().segmentsPlayable < 4)
    ) {
      await sleep(250);
    }
    const figures = viewer.figures();
    expect(figures.bannedPeers).toBe(1);
    expect(figures.segmentsPlayable).toBeGreaterThanOrEqual(4);
    // every playable byte matches the signed manifest's hash
    const manifest = viewer.manifests.current;
    for (const entry of viewer.timeline()) {
      const seg = manifest?.segments.find((s) => s.id === entry.id);
      const data = viewer.segment(entry.id);
      if (seg && data) expect(sha256Hex(data)).toBe(seg.sha256);
    }
    // it stays banned: it is not among the neighbours any more
    expect(viewer.swarm.neighbours().every((p) => p.role !== 'viewer')).toBe(true);
    viewer.close();
    evil.close();
  }, 60_000);

  it('keeps playing from peers when the origin cannot be reached, and says so', async () => {
    // the same channel and trackers, but an origin where nothing listens
    const closed = { ...link, origin: 'http://127.0.0.1:9' };
    const viewer = new LiveViewer({
      client: client(),
      link: closed,
      profile: 'standard',
      uploadRate: 0,
      allowPrivate: true,
    });
    closers.push(() => viewer.close());
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && viewer.figures().segmentsPlayable < 4) await sleep(250);
    const figures = viewer.figures();
    expect(figures.segmentsPlayable).toBeGreaterThanOrEqual(4);
    expect(figures.state).toBe('on-air');
    expect(figures.originReachable).toBe(false);
    expect(figures.bytesFromOrigin).toBe(0);
  }, 60_000);

  it('a peer that pushes a manifest not signed by the channel is banned; the channel plays on', async () => {
    // signed by another key, naming this channel, listing a segment that does not exist
    const forger = channelKeyOf(generateKeyPairSync('ed25519').privateKey);
    const now = Date.now();
    const forged = signManifest(forger, {
      v: 1,
      channel: link.publicKey,
      name: 'Not the channel',
      seq: now + 60_000,
      ts: now,
      target: 2,
      segments: [{ id: 1, dur: 2, bytes: 10, sha256: sha256Hex(Buffer.alloc(10)), at: now }],
    });
    const evil = new ChannelSwarm({
      client: client(),
      publicKey: link.publicKey,
      trackers: link.trackers,
      role: 'viewer',
      uploadRate: 0,
      segment: () => undefined,
      held: () => [],
      log: () => {},
    });
    closers.push(() => evil.close());
    evil.on('peer', (peer: SwarmPeer) => evil.send(peer, { t: 'man', data: forged }));
    await sleep(2000);
    const viewer = new LiveViewer({
      client: client(),
      link,
      profile: 'standard',
      uploadRate: 0,
      allowPrivate: true,
    });
    closers.push(() => viewer.close());
    const deadline = Date.now() + 40_000;
    while (
      Date.now() < deadline &&
      (viewer.figures().bannedPeers === 0 || viewer.figures().segmentsPlayable < 3)
    ) {
      await sleep(250);
    }
    expect(viewer.figures().bannedPeers).toBe(1);
    expect(viewer.figures().segmentsPlayable).toBeGreaterThanOrEqual(3);
    expect(viewer.manifests.current?.name).not.toBe('Not the channel');
    viewer.close();
    evil.close();
  }, 60_000);
});
