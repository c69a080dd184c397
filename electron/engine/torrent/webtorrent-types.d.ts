// Types for the parts of webtorrent 3.0.x the engine uses (the package ships none). Written from
// its source (lib/torrent.js, lib/file.js, index.js); only what the engine calls is declared.
declare module 'webtorrent' {
  import type { EventEmitter } from 'node:events';

  export interface WebTorrentOptions {
    dht?: boolean | object;
    lsd?: boolean;
    utPex?: boolean;
    natUpnp?: boolean;
    natPmp?: boolean;
    torrentPort?: number;
    maxConns?: number;
    /** bytes/s; -1 = no limit */
    downloadLimit?: number;
    uploadLimit?: number;
    webSeeds?: boolean;
    utp?: boolean;
    tracker?: object | false;
    /** protocol encryption: 0 off, 1 offered with plaintext fallback (default), 2 required */
    secure?: number;
    /** the project's patch: the same for connections this client opens (default: `secure`) */
    secureOutgoing?: number;
    /** the project's patch: open TCP first and race uTP after 500 ms (default: uTP first) */
    tcpFirst?: boolean;
    /** the project's patch: pace each peer's request pipeline by its blocks' queueing delay */
    pacedPipeline?: boolean;
    /** the project's patch: share a critical piece's blocks among the peers that have it */
    spreadCritical?: boolean;
    /** the project's patch: a selection gives way only to selections of its own priority */
    strictPriority?: boolean;
    /** the project's patch: a newly unchoked peer is ranked at its peers' median rate */
    newPeerRate?: boolean;
  }

  export interface AddOptions {
    path?: string;
    announce?: string[];
    urlList?: string[];
    strategy?: 'rarest' | 'sequential';
    deselect?: boolean;
    paused?: boolean;
    skipVerify?: boolean;
    /** pieces taken as verified at start (one bit per piece, highest bit first); only a few are hashed */
    bitfield?: Uint8Array;
    destroyStoreOnDestroy?: boolean;
    storeCacheSlots?: number;
  }

  export interface BitField {
    get(index: number): boolean;
    buffer: Uint8Array;
  }

  export interface TorrentFile {
    name: string;
    path: string;
    length: number;
    offset: number;
    done: boolean;
    readonly downloaded: number;
    readonly progress: number;
    select(priority?: number): void;
    /** the whole file once downloaded (small files only: it is held in memory) */
    arrayBuffer(): Promise<ArrayBuffer>;
    deselect(): void;
    [Symbol.asyncIterator](opts?: {
      start?: number;
      end?: number;
    }): AsyncIterableIterator<Uint8Array>;
  }

  export interface SelectionItem {
    from: number;
    to: number;
    offset: number;
    priority: number;
    isStreamSelection?: boolean;
  }

  /** One peer connection (bittorrent-protocol); remoteAddress is set for TCP and uTP peers. */
  export interface Wire extends EventEmitter {
    remoteAddress?: string;
    /** 'tcpOutgoing', 'utpIncoming', 'webSeed', ... */
    type: string;
    /** blocks asked of this peer and not received yet */
    requests: Array<{ piece: number; offset: number; length: number }>;
    /** withdraws a request: its callback fails, so webtorrent frees the block for another ask */
    cancel(index: number, offset: number, length: number): void;
    destroy(): void;
    have(index: number): void;
    /** piece data sent to this peer, bytes/s */
    uploadSpeed(): number;
    /** 'upload' is emitted with the length of each piece block sent (protocol bytes excluded) */
    on(event: 'upload', listener: (bytes: number) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export interface Torrent extends EventEmitter {
    wires: Wire[];
    infoHash: string;
    name: string;
    magnetURI: string;
    torrentFile: Uint8Array;
    announce: string[];
    urlList: string[];
    xs?: string | string[];
    files: TorrentFile[];
    pieces: unknown[];
    pieceLength: number;
    lastPieceLength: number;
    length: number;
    bitfield: BitField | null;
    /** its chunk store, once the metadata is known; read directly only to learn why a read failed */
    store: {
      get(
        index: number,
        opts: { offset: number; length: number },
        cb: (err: Error | null, buf?: Uint8Array) => void,
      ): void;
    } | null;
    ready: boolean;
    done: boolean;
    destroyed: boolean;
    paused: boolean;
    strategy: 'rarest' | 'sequential';
    readonly downloaded: number;
    readonly received: number;
    readonly uploaded: number;
    readonly downloadSpeed: number;
    readonly uploadSpeed: number;
    readonly progress: number;
    readonly numPeers: number;
    wires: Wire[];
    /** the .torrent's bytes once known; null before a magnet's metadata arrives */
    metadata: Uint8Array | null;
    addPeer(peer: string, source?: string): boolean;
    addWebSeed(url: string): void;
    removePeer(id: string): void;
    select(start: number, end: number, priority?: number): void;
    deselect(start: number, end: number): void;
    critical(start: number, end: number): void;
    /** internal: a stream selection is never merged with others, so each keeps its own priority */
    _select(
      start: number,
      end: number,
      priority: number,
      notify: undefined,
      isStreamSelection: boolean,
    ): void;
    _deselect(start: number, end: number, isStreamSelection: boolean): void;
    /** internal: the pieces marked by critical(), by index */
    _critical: boolean[];
    /** internal: what webtorrent does once a piece is hashed good (bit set, 'verified' emitted) */
    _markVerified(index: number): void;
    _checkDone(): boolean;
    destroy(opts?: { destroyStore?: boolean }, cb?: (err?: Error | null) => void): void;
    pause(): void;
    resume(): void;
  }

  /** A BEP 44 mutable item as bittorrent-dht hands it back from get(). */
  export interface MutableItem {
    k: Uint8Array;
    seq: number;
    v: unknown;
    sig: Uint8Array;
    salt?: Uint8Array;
  }

  /** The parts of bittorrent-dht's Client the engine uses (BEP 44 put and get). */
  export interface MutableDht extends EventEmitter {
    ready: boolean;
    listening: boolean;
    /** throws before 'listening' */
    address(): { address: string; port: number };
    put(
      opts: {
        k: Uint8Array;
        seq: number;
        v: unknown;
        salt?: Uint8Array;
        sign?: (message: Uint8Array) => Uint8Array;
        sig?: Uint8Array;
      },
      cb: (err: Error | null, hash: Uint8Array, nodes: number) => void,
    ): Uint8Array;
    get(
      key: Uint8Array,
      opts: { verify?: unknown; salt?: Uint8Array; cache?: boolean },
      cb: (err: Error | null, item: MutableItem | null) => void,
    ): void;
  }

  export default class WebTorrent extends EventEmitter {
    constructor(opts?: WebTorrentOptions);
    torrents: Torrent[];
    maxConns: number;
    destroyed: boolean;
    torrentPort: number;
    peerId: string;
    /** its DHT node (bittorrent-dht), or false when the DHT is off; signed catalogs use BEP 44/46 */
    dht: MutableDht | false | null;
    /** makes a torrent of in-memory files and seeds it; its data is written under opts.path */
    seed(
      input: Uint8Array | Uint8Array[],
      opts: AddOptions & { name: string; announce?: string[] },
      onseed?: (t: Torrent) => void,
    ): Torrent;
    /** consulted before every outgoing peer connection (set by the engine, not by a blocklist) */
    blocked?: { contains(host: string): boolean };
    add(
      torrentId: string | Uint8Array | object,
      opts?: AddOptions,
      ontorrent?: (t: Torrent) => void,
    ): Torrent;
    remove(
      torrentId: Torrent | string,
      opts?: { destroyStore?: boolean },
      cb?: (err?: Error | null) => void,
    ): Promise<void>;
    throttleDownload(rate: number): boolean | void;
    throttleUpload(rate: number): boolean | void;
    destroy(cb?: (err?: Error | null) => void): void;
    address(): { address: string; family: string; port: number } | null;
    /** its built-in HTTP server; the engine never uses it (the benchmark compares against it) */
    createServer(opts?: { origin?: string; hostname?: string; pathname?: string }): {
      listen(port: number, host: string, cb: () => void): void;
      address(): { port: number };
      close(cb?: () => void): void;
    };
  }
}
