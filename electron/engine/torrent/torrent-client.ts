// Wraps the one WebTorrent instance: adds validated sources, filters private trackers and web seeds,
// applies limits, reports phases and stats, and turns disk errors into plain messages.
// It never lets a torrent, peer or tracker error escape as an uncaught exception.
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import WebTorrent, { type Torrent, type Wire } from 'webtorrent';
import { CodedError, type ErrorCode } from '../../../shared/errors.js';
import { isPrivateAddressUrl } from './private-address.js';
import { checkTorrentBytes } from './torrent-input.js';
import { describeTorrentFailure, fileRangesOf } from './torrent-facts.js';

export interface TorrentClientOptions {
  dht: boolean;
  lsd: boolean;
  allowPrivateAddresses: boolean;
  torrentPort?: number;
  maxConns: number;
  /** bytes/s, 0 = no limit */
  downloadLimit: number;
  uploadLimit: number;
  log: (message: string) => void;
}

/** A source already checked by torrent-input: bytes of a .torrent, or a magnet's parts. */
export type CheckedSource =
  | { kind: 'torrent'; infoHash: string; bytes: Uint8Array }
  | { kind: 'magnet'; infoHash: string; name?: string; trackers: string[]; webSeeds: string[] };

export type TorrentPhase = 'finding-peers' | 'fetching-metadata' | 'ready' | 'error';
export interface TorrentFailure {
  code: ErrorCode;
  message: string;
}

/** One torrent in the client. Emits 'phase', 'ready', 'failed', 'done'. */
export class ManagedTorrent extends EventEmitter {
  phase: TorrentPhase = 'finding-peers';
  failure: TorrentFailure | undefined;
  private readonly ready: Promise<void>;
  private rejectReady: (err: CodedError) => void = () => {};
  private readonly streams = new Set<Readable>();
  /** piece data given to others in this run; webtorrent's own count includes protocol bytes */
  private pieceBytesUploaded = 0;

  constructor(
    readonly infoHash: string,
    readonly torrent: Torrent,
  ) {
    super();
    this.ready = new Promise<void>((resolve, reject) => {
      this.once('ready', resolve);
      this.rejectReady = reject;
    });
    // the promise is also awaited later; an early failure must not count as unhandled
    this.ready.catch(() => {});
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  setPhase(phase: TorrentPhase): void {
    if (this.phase === phase || this.phase === 'error') return;
    this.phase = phase;
    this.emit('phase', phase);
  }

  /** The torrent stopped: with a failure (told to listeners) or on purpose (silent). */
  end(failure?: TorrentFailure): void {
    if (this.phase === 'error') return;
    this.failure = failure;
    this.phase = 'error';
    this.closeStreams();
    this.emit('phase', 'error');
    this.rejectReady(
      new CodedError(failure?.code ?? 'internal', failure?.message ?? 'This torrent was stopped.'),
    );
    if (failure) this.emit('failed', failure);
  }

  files(): { index: number; path: string; length: number }[] {
    return this.torrent.files.map((f, index) => ({
      index,
      path: f.path.replace(/\\/g, '/'),
      length: f.length,
    }));
  }

  /** A Node stream of file bytes [start, end]; destroying it releases its piece selection. */
  openStream(fileIndex: number, range: { start: number; end: number }): Readable {
    const file = this.torrent.files[fileIndex];
    if (!file || this.torrent.destroyed)
      throw new CodedError('not-found', 'This file is no longer available.');
    const stream = Readable.from(file[Symbol.asyncIterator](range), { objectMode: false });
    this.streams.add(stream);
    stream.once('close', () => this.streams.delete(stream));
    return stream;
  }

  /** Counts what a peer took from us: the wire's 'upload' event carries piece data lengths only. */
  countUploads(wire: Wire): void {
    wire.on('upload', (bytes: number) => {
      this.pieceBytesUploaded += bytes;
    });
  }

  stats(fileIndex?: number) {
    const t = this.torrent;
    const ready = t.ready && !t.destroyed;
    const file = fileIndex === undefined ? undefined : t.files[fileIndex];
    return {
      peers: t.destroyed ? 0 : t.numPeers,
      downloadSpeed: t.destroyed ? 0 : t.downloadSpeed,
      uploadSpeed: t.destroyed ? 0 : t.wires.reduce((sum, w) => sum + w.uploadSpeed(), 0),
      downloaded: ready ? t.downloaded : 0,
      uploaded: this.pieceBytesUploaded,
      /** bytes that came over the network in this run (not what was already on disk) */
      received: t.received,
      progress: ready ? Math.min(1, t.progress) : 0,
      fileRanges: ready && file ? fileRangesOf(t, file) : [],
    };
  }

  /** Close streams when the torrent goes away: a pending read would otherwise wait forever. */
  closeStreams(): void {
    for (const stream of this.streams) stream.destroy();
  }
}

export class TorrentClient {
  private readonly client: WebTorrent;
  private readonly torrents = new Map<string, ManagedTorrent>();

  constructor(private readonly opts: TorrentClientOptions) {
    this.client = new WebTorrent({
      dht: opts.dht,
      lsd: opts.lsd,
      // port mapping talks to the router: only when the wide network is used at all
      natUpnp: opts.dht,
      natPmp: opts.dht,
      torrentPort: opts.torrentPort ?? 0,
      maxConns: opts.maxConns,
      downloadLimit: toRate(opts.downloadLimit),
      uploadLimit: toRate(opts.uploadLimit),
    });
    // Torrent errors without their own listener land here; they must never crash the process.
    this.client.on('error', (err: unknown) => opts.log(`torrent client error: ${String(err)}`));
  }

  get(infoHash: string): ManagedTorrent | undefined {
    return this.torrents.get(infoHash);
  }

  /** Adds (or returns) a torrent; data goes to `downloadDir`, existing data there is verified, not fetched again. */
  add(source: CheckedSource, downloadDir: string): ManagedTorrent {
    const existing = this.torrents.get(source.infoHash);
    if (existing) return existing;
    const id = source.kind === 'torrent' ? Buffer.from(source.bytes) : this.magnetFor(source);
    // deselect: nothing downloads until played; rarest: never whole-torrent sequential
    const torrent = this.client.add(id, { path: downloadDir, deselect: true, strategy: 'rarest' });
    const managed = new ManagedTorrent(source.infoHash, torrent);
    this.torrents.set(source.infoHash, managed);
    if (source.kind === 'torrent') managed.setPhase('fetching-metadata');
    this.watch(managed);
    return managed;
  }

  private watch(managed: ManagedTorrent): void {
    const { torrent } = managed;
    const forget = () => {
      if (this.torrents.get(managed.infoHash) === managed) this.torrents.delete(managed.infoHash);
    };
    torrent.on('infoHash', () => this.filterEndpoints(torrent));
    torrent.on('wire', (wire: Wire) => {
      managed.countUploads(wire);
      if (managed.phase === 'finding-peers') managed.setPhase('fetching-metadata');
    });
    torrent.on('metadata', () => {
      try {
        // metadata from peers is as untrusted as a .torrent file: check names before any write
        checkTorrentBytes(torrent.torrentFile);
      } catch (err) {
        const coded =
          err instanceof CodedError ? err : new CodedError('invalid-torrent', String(err));
        managed.end({ code: coded.code, message: coded.message });
        forget();
        torrent.destroy();
      }
    });
    torrent.on('ready', () => {
      managed.setPhase('ready');
      managed.emit('ready');
    });
    torrent.on('done', () => managed.emit('done'));
    torrent.on('warning', (err: unknown) =>
      this.opts.log(`torrent warning ${managed.infoHash.slice(0, 8)}: ${String(err)}`),
    );
    torrent.on('error', (err: unknown) => {
      // webtorrent destroys the torrent on a write error; verified data stays on disk
      const failure = describeTorrentFailure(err);
      this.opts.log(`torrent ${managed.infoHash.slice(0, 8)} stopped: ${String(err)}`);
      forget();
      managed.end(failure);
    });
    torrent.on('close', () => {
      forget();
      managed.end();
    });
  }

  /** Rebuilds the magnet from checked parts only: no xs= fetch of arbitrary URLs, no private endpoints. */
  private magnetFor(source: Extract<CheckedSource, { kind: 'magnet' }>): string {
    const params = [`xt=urn:btih:${source.infoHash}`];
    if (source.name) params.push(`dn=${encodeURIComponent(source.name)}`);
    for (const tr of this.allowed(source.trackers)) params.push(`tr=${encodeURIComponent(tr)}`);
    for (const ws of this.allowed(source.webSeeds)) params.push(`ws=${encodeURIComponent(ws)}`);
    return `magnet:?${params.join('&')}`;
  }

  private allowed(urls: string[]): string[] {
    return this.opts.allowPrivateAddresses ? urls : urls.filter((u) => !isPrivateAddressUrl(u));
  }

  /** Runs before discovery starts: trackers and web seeds inside the .torrent are filtered too. */
  private filterEndpoints(torrent: Torrent): void {
    torrent.announce = this.allowed(torrent.announce ?? []);
    torrent.urlList = this.allowed(torrent.urlList ?? []);
    delete torrent.xs;
  }

  /** Stops a torrent, keeping (or deleting) its data. */
  remove(infoHash: string, deleteData: boolean): Promise<void> {
    const managed = this.torrents.get(infoHash);
    this.torrents.delete(infoHash);
    if (!managed || managed.torrent.destroyed) return Promise.resolve();
    managed.end();
    return new Promise((resolve) => {
      managed.torrent.destroy({ destroyStore: deleteData }, () => resolve());
    });
  }

  setLimits(downloadBytesPerSecond: number, uploadBytesPerSecond: number): void {
    this.client.throttleDownload(toRate(downloadBytesPerSecond));
    this.client.throttleUpload(toRate(uploadBytesPerSecond));
  }

  setMaxConns(maxConns: number): void {
    // read on every connection attempt, so the change applies at once
    this.client.maxConns = maxConns;
  }

  destroy(): Promise<void> {
    if (this.client.destroyed) return Promise.resolve();
    for (const managed of this.torrents.values()) managed.closeStreams();
    return new Promise((resolve) => this.client.destroy(() => resolve()));
  }
}

/** Settings say 0 for "no limit"; webtorrent says -1. */
function toRate(bytesPerSecond: number): number {
  return bytesPerSecond > 0 ? bytesPerSecond : -1;
}
