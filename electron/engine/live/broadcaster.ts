// A channel's broadcaster: ffmpeg cuts the input into segments; each one is hashed, listed in the
// signed rolling manifest, served by the capped HTTP origin and seeded (capped) into the channel
// swarm. The key in the data folder makes the channel; the link printed is the same every run.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatChannelLink } from '../../../shared/channel-link.js';
import type { TorrentClient } from '../torrent/torrent-client.js';
import { loadOrCreateChannelKey, type ChannelKey } from './channel-key.js';
import { ChannelSwarm, swarmInfoHash } from './channel-swarm.js';
import { FfmpegSegmenter } from './ffmpeg-segmenter.js';
import { sha256Hex, signManifest, type ManifestSegment } from './manifest.js';
import { startOrigin, type OriginServer } from './origin-server.js';

export interface BroadcasterOptions {
  input: string;
  name: string;
  dataDir: string;
  client: TorrentClient;
  loop: boolean;
  /** bytes/s the origin may send (HTTP), and the seed into the swarm; undefined = twice the bitrate */
  uploadLimit?: number;
  /** address the origin listens on, and the one put in the link */
  host: string;
  port: number;
  /** the origin's address as viewers reach it, when not the one it listens on */
  publicUrl?: string;
  /** extra trackers for the channel swarm (the origin is always one) */
  trackers: string[];
  segmentSeconds: number;
  videoKbps: number;
  log: (message: string) => void;
}

const MANIFEST_SEGMENTS = 10;
const KEEP_SEGMENTS = 20;

export class Broadcaster {
  private readonly segments = new Map<number, { data: Uint8Array; seg: ManifestSegment }>();
  private manifestBytes: Uint8Array | undefined;
  private lastSeq = 0;
  private index = 0;
  /** ids of this run start here: unique across restarts, as the clock moves on */
  private readonly idBase = Math.floor(Date.now() / 1000) * 10_000;
  published = 0;
  swarm!: ChannelSwarm;
  origin!: OriginServer;
  segmenter!: FfmpegSegmenter;
  link = '';
  key!: ChannelKey;

  private constructor(private readonly opts: BroadcasterOptions) {}

  static async start(opts: BroadcasterOptions): Promise<Broadcaster> {
    const b = new Broadcaster(opts);
    await b.begin();
    return b;
  }

  private async begin(): Promise<void> {
    const { opts } = this;
    this.key = await loadOrCreateChannelKey(opts.dataDir);
    const rate = opts.uploadLimit ?? 256 * 1024;
    const start = (port: number) =>
      startOrigin({
        content: {
          manifest: () => this.manifestBytes,
          segment: (id) => this.segments.get(id)?.data,
        },
        swarmInfoHash: swarmInfoHash(this.key.publicKey),
        host: opts.host,
        port,
        rate,
        log: opts.log,
      });
    // the same folder keeps the same port, so the link stays the same across restarts
    const portFile = join(opts.dataDir, 'origin-port.json');
    const savedPort = opts.port === 0 ? await readSavedPort(portFile) : undefined;
    this.origin = await start(savedPort ?? opts.port).catch((err: unknown) => {
      if (savedPort === undefined) throw err;
      opts.log(`Port ${savedPort} is taken, so this run's channel link differs from the last one.`);
      return start(0);
    });
    await writeFile(portFile, JSON.stringify({ port: Number(new URL(this.origin.url).port) }));
    const origin = opts.publicUrl ?? this.origin.url;
    const trackers = [`${origin}/announce`, ...opts.trackers];
    this.link = formatChannelLink({
      publicKey: this.key.publicKey,
      origin,
      trackers,
      name: opts.name,
    });
    this.swarm = new ChannelSwarm({
      client: opts.client,
      publicKey: this.key.publicKey,
      trackers,
      role: 'broadcaster',
      uploadRate: rate,
      segment: (id) => this.segments.get(id)?.data,
      held: () => [...this.segments.keys()].slice(-MANIFEST_SEGMENTS),
      log: opts.log,
    });
    this.swarm.on('peer', (peer) => {
      if (this.manifestBytes) this.swarm.send(peer, { t: 'man', data: this.manifestBytes });
    });
    const workDir = join(opts.dataDir, 'live-work');
    await FfmpegSegmenter.clean(workDir);
    await mkdir(workDir, { recursive: true });
    this.segmenter = new FfmpegSegmenter({
      input: opts.input,
      workDir,
      segmentSeconds: opts.segmentSeconds,
      loop: opts.loop,
      videoKbps: opts.videoKbps,
      log: opts.log,
    });
    this.segmenter.on('segment', ({ data, dur }: { data: Buffer; dur: number }) =>
      this.publish(data, dur),
    );
  }

  private publish(data: Uint8Array, dur: number): void {
    const id = this.idBase + this.index++;
    const seg: ManifestSegment = {
      id,
      dur,
      bytes: data.byteLength,
      sha256: sha256Hex(data),
      at: Date.now(),
    };
    this.segments.set(id, { data, seg });
    while (this.segments.size > KEEP_SEGMENTS)
      this.segments.delete(this.segments.keys().next().value as number);
    if (this.opts.uploadLimit === undefined) {
      // twice the bitrate: enough to seed the swarm, too little to be drained by every viewer
      const rate = Math.max(64 * 1024, Math.round((2 * data.byteLength) / dur));
      this.origin.limiter.rate = rate;
      this.swarm.setUploadRate(rate);
    }
    const listed = [...this.segments.values()].slice(-MANIFEST_SEGMENTS).map((s) => s.seg);
    const now = Date.now();
    this.lastSeq = Math.max(now, this.lastSeq + 1);
    this.manifestBytes = signManifest(this.key, {
      v: 1,
      channel: this.key.publicKey,
      name: this.opts.name,
      seq: this.lastSeq,
      ts: now,
      target: Math.max(...listed.map((s) => s.dur)),
      segments: listed,
    });
    this.published++;
    this.swarm.sendAll({ t: 'man', data: this.manifestBytes });
    this.swarm.sendAll({ t: 'have', id });
  }

  /** One plain-words status line. */
  status(): string {
    const mb = (n: number) => (n / 1e6).toFixed(1);
    return (
      `${this.published} segments published, ${this.swarm.viewerCount()} viewers connected, ` +
      `origin sent ${mb(this.origin.sent.segments + this.origin.sent.manifests)} MB, ` +
      `seeding sent ${mb(this.swarm.uploaded)} MB, ${this.origin.announces} tracker announces so far`
    );
  }

  async close(): Promise<void> {
    this.segmenter?.close();
    this.swarm?.close();
    await this.origin?.close();
  }
}

async function readSavedPort(path: string): Promise<number | undefined> {
  try {
    const port: unknown = (JSON.parse(await readFile(path, 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536
      ? port
      : undefined;
  } catch {
    return undefined;
  }
}
