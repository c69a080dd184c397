// The engine's public face for its hosts (Electron main, headless mode, tests), and the
// signatures of its parts. Plain Node: never imports electron.
import type { CommandHandlers, EventName, EventPayload } from '../../shared/api.js';

export interface EngineOptions {
  /** All state (library file, downloads) lives under this folder. */
  dataDir: string;
  /** Where downloads go; defaults to <dataDir>/downloads. Nothing is ever written outside it. */
  downloadDir?: string;
  /** Catalog sources given on the command line (--catalog): used for this run, never saved. */
  catalogs?: string[];
  /** How often catalog sources are read again (ms); default every 6 hours, 0 = never. */
  sourceRefreshEveryMs?: number;
  /** How long catalog:search waits for each source (ms); default 8 s (tests make it short). */
  sourceSearchTimeLimitMs?: number;
  /** Replace the built-in catalog (tests); by default the one shipped in the app is used. */
  builtInCatalogPath?: string | null;
  /** Listen for peers on this TCP/uTP port; 0 or undefined = random. */
  torrentPort?: number;
  /** Use DHT / local service discovery (off in tests: loopback swarms use a tracker). */
  dht?: boolean;
  lsd?: boolean;
  /** DHT nodes to start from ("host:port") instead of the public ones: private and test networks */
  dhtBootstrap?: string[];
  /**
   * Allow trackers, web seeds and peers on private or loopback addresses. Off by default for
   * untrusted input; tests and the benchmark lab turn it on because their swarm lives on loopback.
   */
  allowPrivateAddresses?: boolean;
  /** Where the Internet Archive answers (tests serve a recorded answer on loopback); default archive.org. */
  internetArchiveUrl?: string;
  /** Origins allowed to send an Origin header to the stream server (the window's own origin). */
  streamAllowedOrigins?: string[];
  /** Where the installer put its own ffmpeg (Electron's resources folder, holding bin/). */
  resourcesDir?: string;
  /** Environment to look for ffmpeg in (ESSAIM_FFMPEG, ESSAIM_FFPROBE, PATH); default: the process's. */
  env?: Readonly<Record<string, string | undefined>>;
  log?: (message: string) => void;
}

export type EngineEventListener<K extends EventName> = (payload: EventPayload<K>) => void;

export interface Engine {
  /** One handler per contract command; each validates nothing itself (transports validate). */
  readonly handlers: CommandHandlers;
  on<K extends EventName>(name: K, listener: EngineEventListener<K>): () => void;
  /**
   * The same handlers for one window (a WebSocket connection, an Electron web contents), named
   * by the host: playback sessions started through them belong to that window.
   */
  handlersFor(owner: string): CommandHandlers;
  /**
   * The window went (closed, reloaded, connection lost): its sessions stop exactly as
   * playback:stop does, so "stop sharing after watching" releases their torrents.
   */
  endOwner(owner: string): Promise<void>;
  /**
   * Open what the command line or the OS handed over: a magnet, an info hash, a .torrent path
   * or URL. Adds it to the library and emits `open-item` with autoplay. Throws CodedError.
   */
  openArgument(argument: string): Promise<string>;
  /** The window's origin, once the host knows it (headless mode picks its port after the engine starts). */
  allowStreamOrigin(origin: string): void;
  /** The host caught an error that escaped every handler: the window is told, in its language. */
  noticeUnexpectedError(): void;
  /** Base URL of the local stream server (http://127.0.0.1:PORT), for the window's CSP. */
  readonly streamOrigin: string;
  close(): Promise<void>;
}

export type CreateEngine = (options: EngineOptions) => Promise<Engine>;
