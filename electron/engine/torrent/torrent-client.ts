// Wraps the one WebTorrent instance: adds validated sources, keeps it off the local network unless
// allowed (local-network.ts), applies limits, reports phases and stats, and turns disk errors into plain messages.
// It never lets a torrent, peer or tracker error escape as an uncaught exception.
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import WebTorrent, { type Torrent, type Wire } from 'webtorrent';
import { CodedError, type ErrorCode } from '../../../shared/errors.js';
import { LocalNetworkGate } from './local-network.js';
import { choosePlayableFile, noPlayableFileMessage } from './file-choice.js';
import { readFileRange } from './file-range-reader.js';
import { checkTorrentBytes } from './torrent-input.js';
import { describeTorrentFailure, fileRangesOf } from './torrent-facts.js';
import { readRecord, removeRecord } from '../storage/resume-record.js';
import { observeFiles, planResume, type ResumePlan } from './resume-plan.js';
import { VerifiedPieces } from './verified-pieces.js';
import { verifyEd25519 } from './ed25519.js';
import { SmallFileTorrents } from './small-file-torrents.js';

export interface TorrentClientOptions {
  dht: boolean;
  lsd: boolean;
  /** trackers, web seeds and peers on this machine or the local network; changeable later */
  allowPrivateAddresses: boolean;
  torrentPort?: number;
  maxConns: number;
  /** bytes/s, 0 = no limit */
  downloadLimit: number;
  uploadLimit: number;
  /** where records of verified pieces are kept; without it, every start hashes all data again */
  resumeDir?: string;
  /** DHT nodes to start from ("host:port") instead of the public ones: tests and private networks */
  dhtBootstrap?: string[];
  /** the transport tried first when dialling a peer; the other joins after 500 ms (default tcp) */
  firstTransport?: 'tcp' | 'utp';
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
  /** resolves once pieces the record could not vouch for have been hashed in the background */
  checked: Promise<void> = Promise.resolve();
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

  /**
   * A Node stream of exactly the file bytes [start, end]; destroying it releases its piece
   * selection. It fails with a DiskReadError when the data cannot be read back.
   */
  openStream(fileIndex: number, range: { start: number; end: number }): Readable {
    const file = this.torrent.files[fileIndex];
    if (!file || this.torrent.destroyed)
      throw new CodedError('not-found', 'This file is no longer available.');
    const stream = Readable.from(readFileRange(this.torrent, file, range), { objectMode: false });
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
  private readonly gate: LocalNetworkGate;
  private readonly records = new Map<ManagedTorrent, VerifiedPieces>();
  /** torrents being stopped on purpose: their record is finished after their store is closed */
  private readonly stopping = new Set<ManagedTorrent>();
  /** signed catalogs: seeded and fetched beside the library, never listed in it */
  readonly smallFiles: SmallFileTorrents;

  constructor(private readonly opts: TorrentClientOptions) {
    const publicDht = opts.dht && opts.dhtBootstrap === undefined;
    this.client = new WebTorrent({
      // verify: the node stores and checks signed BEP 44 items (catalog pointers), others' too
      dht: opts.dht
        ? {
            verify: verifyEd25519,
            ...(opts.dhtBootstrap ? { bootstrap: opts.dhtBootstrap } : {}),
          }
        : false,
      lsd: opts.lsd,
      // port mapping talks to the router: only when the wide network is used at all
      natUpnp: publicDht,
      natPmp: publicDht,
      torrentPort: opts.torrentPort ?? 0,
      maxConns: opts.maxConns,
      downloadLimit: toRate(opts.downloadLimit),
      uploadLimit: toRate(opts.uploadLimit),
      // Start-up speed (docs/performance.md, "transport"): a connection this client opens goes
      // TCP first, uTP racing it after 500 ms, and without the encryption handshake; measured in
      // the lab, uTP's slow ramp and encryption's two extra round trips cost 300-450 ms before
      // the first piece. Peers that connect to us may still use uTP and encryption.
      tcpFirst: (opts.firstTransport ?? 'tcp') === 'tcp',
      secureOutgoing: 0,
      // Seek speed (docs/performance.md, "seek"): each peer is asked for only as much as it can
      // send in about 50-100 ms beyond its round trip, so a seek does not wait behind a second
      // of blocks for the old position already on their way.
      pacedPipeline: true,
      // Start-up and seek speed: the piece the player waits for is shared among the peers that
      // have it rather than taken whole by the first to unchoke (docs/performance.md).
      spreadCritical: true,
      // Start-up and seek speed: the most urgent pieces are asked for first, always; webtorrent
      // alone takes turns between priorities (docs/performance.md).
      strictPriority: true,
      // Start-up speed: a peer that unchokes a little after the first one shares the first
      // pieces rather than waiting for a rate of its own (docs/performance.md)
      newPeerRate: true,
    });
    // Torrent errors without their own listener land here; they must never crash the process.
    this.client.on('error', (err: unknown) => opts.log(`torrent client error: ${String(err)}`));
    this.gate = new LocalNetworkGate(this.client, opts.allowPrivateAddresses, opts.log);
    this.smallFiles = new SmallFileTorrents(this.client, this.gate, opts.log);
  }

  /** Applies at once to running torrents: peers, held-back trackers and web seeds. */
  setLocalNetworkAllowed(allowed: boolean): void {
    this.gate.setAllowed(allowed);
  }

  /** The torrent names trackers only on the local network, which is not allowed. */
  onlyLocalTrackers(infoHash: string): boolean {
    const managed = this.torrents.get(infoHash);
    return managed !== undefined && this.gate.onlyLocalTrackers(managed.torrent);
  }

  get(infoHash: string): ManagedTorrent | undefined {
    return this.torrents.get(infoHash);
  }

  /**
   * What the saved record lets a start trust without reading the data again (see resume-plan);
   * undefined when there is no usable record: webtorrent then hashes all data already on disk.
   */
  async resumePlan(source: CheckedSource, downloadDir: string): Promise<ResumePlan | undefined> {
    if (!this.opts.resumeDir || source.kind !== 'torrent') return undefined;
    const record = await readRecord(this.opts.resumeDir, source.infoHash);
    if (!record) return undefined;
    const parsed = checkTorrentBytes(source.bytes);
    const layout = {
      pieceLength: parsed.pieceLength,
      pieceCount: parsed.pieceCount,
      files: parsed.files.map((f) => ({ path: f.path, length: f.length })),
    };
    const plan = planResume(layout, record, await observeFiles(downloadDir, layout));
    this.opts.log(
      `resuming ${source.infoHash.slice(0, 8)}: ${plan?.trusted ?? 0} pieces from its record, ` +
        `${plan?.recheck.length ?? 'all'} to check`,
    );
    return plan;
  }

  /** Adds (or returns) a torrent; data goes to `downloadDir`, existing data there is verified, not fetched again. */
  add(source: CheckedSource, downloadDir: string, plan?: ResumePlan): ManagedTorrent {
    const existing = this.torrents.get(source.infoHash);
    if (existing) return existing;
    const id = source.kind === 'torrent' ? Buffer.from(source.bytes) : this.magnetFor(source);
    // deselect: nothing downloads until played; rarest: never whole-torrent sequential
    const torrent = this.client.add(id, {
      path: downloadDir,
      deselect: true,
      strategy: 'rarest',
      ...(plan ? { bitfield: plan.bitfield } : {}),
    });
    const managed = new ManagedTorrent(source.infoHash, torrent);
    this.torrents.set(source.infoHash, managed);
    if (this.opts.resumeDir) {
      const record = new VerifiedPieces(torrent, {
        resumeDir: this.opts.resumeDir,
        dir: downloadDir,
        plan,
        log: this.opts.log,
      });
      this.records.set(managed, record);
      managed.checked = record.checked;
    }
    if (source.kind === 'torrent') managed.setPhase('fetching-metadata');
    this.watch(managed);
    return managed;
  }

  private watch(managed: ManagedTorrent): void {
    const { torrent } = managed;
    const forget = () => {
      if (this.torrents.get(managed.infoHash) === managed) this.torrents.delete(managed.infoHash);
    };
    torrent.on('infoHash', () => this.gate.filter(torrent));
    torrent.on('wire', (wire: Wire) => {
      // incoming connections never pass webtorrent's outgoing check
      if (this.gate.checkWire(wire)) return;
      managed.countUploads(wire);
      if (managed.phase === 'finding-peers') managed.setPhase('fetching-metadata');
    });
    torrent.on('metadata', () => {
      try {
        // metadata from peers is as untrusted as a .torrent file: check names before any write
        checkTorrentBytes(torrent.torrentFile);
        // nothing to play: stop here, before a single piece is fetched or a file is created
        const files = managed.files();
        if (choosePlayableFile(files) === undefined)
          throw new CodedError('no-playable-file', noPlayableFileMessage(files.map((f) => f.path)));
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
      // stopped by an error: record what it holds (remove and destroy do it once the store closed)
      if (!this.stopping.has(managed) && !this.client.destroyed) void this.finishRecord(managed);
    });
  }

  /**
   * Joins a membership-only swarm (live channels): no metadata is ever fetched or written, it
   * only finds neighbours through trackers, DHT and peer exchange, under the same local-network
   * rules as every torrent. `onWire` sees each connection before any message is sent on it.
   */
  joinSwarm(infoHash: string, trackers: string[], onWire: (wire: Wire) => void): Torrent {
    const params = [
      `xt=urn:btih:${infoHash}`,
      ...trackers.map((t) => `tr=${encodeURIComponent(t)}`),
    ];
    const torrent = this.client.add(`magnet:?${params.join('&')}`, { deselect: true });
    torrent.on('infoHash', () => this.gate.filter(torrent));
    torrent.on('wire', (wire: Wire) => {
      if (!this.gate.checkWire(wire)) onWire(wire);
    });
    torrent.on('warning', (err: unknown) => this.opts.log(`swarm warning: ${String(err)}`));
    torrent.on('error', (err: unknown) => this.opts.log(`swarm stopped: ${String(err)}`));
    return torrent;
  }

  /** Rebuilds the magnet from checked parts only: no xs= fetch of arbitrary URLs (private endpoints are held back on 'infoHash'). */
  private magnetFor(source: Extract<CheckedSource, { kind: 'magnet' }>): string {
    const params = [`xt=urn:btih:${source.infoHash}`];
    if (source.name) params.push(`dn=${encodeURIComponent(source.name)}`);
    for (const tr of source.trackers) params.push(`tr=${encodeURIComponent(tr)}`);
    for (const ws of source.webSeeds) params.push(`ws=${encodeURIComponent(ws)}`);
    return `magnet:?${params.join('&')}`;
  }

  /** Stops a torrent, keeping (or deleting) its data; its record is written last, or deleted. */
  async remove(infoHash: string, deleteData: boolean): Promise<void> {
    const managed = this.torrents.get(infoHash);
    this.torrents.delete(infoHash);
    if (managed && !managed.torrent.destroyed) {
      this.stopping.add(managed);
      managed.end();
      await new Promise<void>((resolve) => {
        managed.torrent.destroy({ destroyStore: deleteData }, () => resolve());
      });
      this.stopping.delete(managed);
    }
    if (managed) await this.finishRecord(managed);
    if (deleteData && this.opts.resumeDir) await removeRecord(this.opts.resumeDir, infoHash);
  }

  /** Once the store is closed no write can follow: the record then matches the files exactly. */
  private async finishRecord(managed: ManagedTorrent): Promise<void> {
    const record = this.records.get(managed);
    if (!record) return;
    this.records.delete(managed);
    await record.finish();
  }

  setLimits(downloadBytesPerSecond: number, uploadBytesPerSecond: number): void {
    this.client.throttleDownload(toRate(downloadBytesPerSecond));
    this.client.throttleUpload(toRate(uploadBytesPerSecond));
  }

  setMaxConns(maxConns: number): void {
    // read on every connection attempt, so the change applies at once
    this.client.maxConns = maxConns;
  }

  async destroy(): Promise<void> {
    if (!this.client.destroyed) {
      for (const managed of this.torrents.values()) managed.closeStreams();
      this.gate.destroy();
      await new Promise<void>((resolve) => this.client.destroy(() => resolve()));
    }
    await Promise.all([...this.records.keys()].map((managed) => this.finishRecord(managed)));
  }
}

/** Settings say 0 for "no limit"; webtorrent says -1. */
function toRate(bytesPerSecond: number): number {
  return bytesPerSecond > 0 ? bytesPerSecond : -1;
}
