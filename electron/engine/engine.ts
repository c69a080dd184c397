// The engine's composition root: wires the library store, catalog, torrent client, playback
// sessions and stream server, and hands them to the command handlers (command-handlers.ts). It
// only wires; it never imports electron and never lets a handler's failure take the process down.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandHandlers } from '../../shared/api.js';
import { isChannelLinkText, parseChannelLink } from '../../shared/channel-link.js';
import { CodedError } from '../../shared/errors.js';
import type { CatalogView, LibraryItem, Settings } from '../../shared/domain.js';
import { TitleAnswers } from './catalog/title-answers.js';
import { SourceSearch } from './catalog/source-search.js';
import {
  DEFAULT_REFRESH_EVERY_MS,
  SourceRegistry,
  sourcesCacheDir,
} from './catalog/sources/source-registry.js';
import { ArtworkCache } from './catalog/artwork/artwork-cache.js';
import { SOURCE_ADAPTERS, withArchiveAt } from './catalog/sources/adapters.js';
import { locateFfmpeg } from './media/ffmpeg-locate.js';
import { MediaService } from './media/media-service.js';
import {
  commandHandlers,
  ownerHandlers,
  type EngineParts,
  type Shelf,
} from './command-handlers.js';
import type { CreateEngine, Engine, EngineOptions } from './engine-api.js';
import { EngineEvents } from './engine-events.js';
import { LibraryStore } from './library/library-store.js';
import { LiveSessions } from './live/live-sessions.js';
import { MarksStore } from './marks/marks-store.js';
import { reportLibrarySaves } from './library/save-reports.js';
import { resumeDirOf } from './storage/resume-record.js';
import { PlaybackSessions } from './playback/playback-sessions.js';
import { GuideStore } from './catalog/sources/m3u/guide-store.js';
import { signedSourceKind } from './catalog/sources/signed/signed-services.js';
import { guardedText } from './stream/guarded-get.js';
import { HlsRelay } from './stream/hls-relay.js';
import { createStreamServer } from './stream/stream-server.js';
import { LibraryTorrents } from './torrent/library-torrents.js';
import { readArgument } from './torrent/source-reader.js';
import { TorrentClient } from './torrent/torrent-client.js';

const STATS_INTERVAL_MS = 500;
/** Figures are saved into the library every this many stats ticks (the store batches writes). */
const PERSIST_EVERY_TICKS = 10;
const DEFAULT_CATALOG = fileURLToPath(new URL('./catalog/default-catalog.json', import.meta.url));
const KIB = 1024;
/** an XMLTV guide for thousands of channels is large; beyond this it is refused */
const GUIDE_LIMITS = { maxBytes: 24 * 1024 * 1024, timeoutMs: 60_000 };

export const createEngine: CreateEngine = async (options: EngineOptions): Promise<Engine> => {
  const log = options.log ?? (() => {});
  // the host's switch (command line, environment) or the user's setting
  const hostAllowsPrivate = options.allowPrivateAddresses ?? false;
  const downloadDir = options.downloadDir ?? join(options.dataDir, 'downloads');
  const events = new EngineEvents(log);

  const { store, notices } = await LibraryStore.open(options.dataDir, {
    onReport: reportLibrarySaves({ notice: (...args) => events.notice(...args), log }),
  });
  const marksOpened = await MarksStore.open(options.dataDir, {
    onSaveFailed: (message) => events.notice('warning', message),
  });
  const marks = marksOpened.store;
  // said again to every window that connects: at this point none can be listening yet
  const startupNotices = [...notices, ...marksOpened.notices].map((message) => ({
    level: 'warning' as const,
    message,
  }));
  for (const notice of startupNotices) events.notice(notice.level, notice.message);
  const settings = (): Settings => store.settings();
  const allowPrivate = (): boolean => hostAllowsPrivate || settings().allowLocalNetwork;

  const client = new TorrentClient({
    dht: options.dht ?? true,
    ...(options.dhtBootstrap ? { dhtBootstrap: options.dhtBootstrap } : {}),
    lsd: options.lsd ?? true,
    allowPrivateAddresses: allowPrivate(),
    torrentPort: options.torrentPort,
    maxConns: settings().maxConnections,
    downloadLimit: settings().downloadLimitKiBps * KIB,
    uploadLimit: settings().uploadLimitKiBps * KIB,
    resumeDir: resumeDirOf(options.dataDir),
    log,
  });

  // signed catalogs need the torrent client (DHT pointer, seeding back): built here, not listed statically
  const signed = signedSourceKind(client, options.dataDir, log);
  // the shelf shows cached copies at once; web sources refresh in the background
  const sources = new SourceRegistry({
    // the Internet Archive answers at archive.org unless a test points it at a recorded answer
    adapters: [signed.adapter, ...withArchiveAt(SOURCE_ADAPTERS, options.internetArchiveUrl)],
    dataDir: options.dataDir,
    cacheDir: sourcesCacheDir(options.dataDir),
    builtIn:
      options.builtInCatalogPath === undefined ? DEFAULT_CATALOG : options.builtInCatalogPath,
    commandLine: options.catalogs ?? [],
    allowPrivate,
    refreshEveryMs: options.sourceRefreshEveryMs ?? DEFAULT_REFRESH_EVERY_MS,
    log,
    onCatalog: () => events.emit('catalog', {}),
    onSources: (states) => events.emit('sources', states),
    onNotice: (message) => {
      startupNotices.push({ level: 'warning', message });
      events.notice('warning', message);
    },
  });
  // pictures are fetched by the engine on first request and served from the local server
  const artwork = new ArtworkCache({ dir: join(options.dataDir, 'artwork'), allowPrivate, log });
  /** A picture's web address -> where the window loads it (this machine's server). */
  const localArtUrl = (url: string): string => stream.artUrlFor(artwork.keyFor(url));
  const loadCatalog = async (): Promise<CatalogView> => {
    await sources.ready;
    return sources.view();
  };

  // eslint-disable-next-line prefer-const -- sessions and torrents refer to each other
  let sessions: PlaybackSessions;
  // eslint-disable-next-line prefer-const -- the media code and the stream server refer to each other
  let stream: Awaited<ReturnType<typeof createStreamServer>>;
  const media = new MediaService({
    tools: () =>
      locateFfmpeg({
        setting: settings().ffmpegPath,
        ...(options.env ? { env: options.env } : {}),
        ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
      }),
    media: (sessionId) => sessions.media(sessionId),
    feedUrlFor: (sessionId) => stream.feedUrlFor(sessionId),
    subtitleUrlFor: (sessionId, trackId) => stream.subtitleUrlFor(sessionId, trackId),
    log,
  });
  // eslint-disable-next-line prefer-const -- the stream server serves what live sessions hold
  let live: LiveSessions;
  const torrents = new LibraryTorrents({
    store,
    client,
    events,
    dataDir: options.dataDir,
    downloadDir,
    log,
    isPlaying: (itemId) => sessions.isPlaying(itemId),
    fileNameHint: (item) => catalogFileName(item, shelf.view),
  });
  const shelf: Shelf = {};

  // The Electron app scheme or headless UI origin, when the host passes one; media requests from a
  // <video> element carry no Origin header, so an empty list still lets the window play.
  stream = await createStreamServer({
    resolve: (sessionId) => sessions.resolveTarget(sessionId),
    allowedOrigins: options.streamAllowedOrigins ?? [],
    onRangeRequest: (sessionId, startByte) => sessions.onRangeRequest(sessionId, startByte),
    onReadAt: (sessionId, byte) => sessions.onReadAt(sessionId, byte),
    media,
    art: artwork,
    live: {
      playlist: (sessionId) => live.playlist(sessionId),
      segment: (sessionId, segmentId) => live.segment(sessionId, segmentId),
    },
    relay: { serve: (...args) => relay.serve(...args) },
  });
  const relay = new HlsRelay({
    allowPrivate,
    relayUrlFor: stream.relayUrlFor,
    emit: (status) => events.emit('live-status', status),
    log,
  });
  const guides = new GuideStore({
    dir: join(options.dataDir, 'guides'),
    fetchText: async (url) =>
      (await guardedText(url, { allowPrivate: allowPrivate(), ...GUIDE_LIMITS })).text,
    log,
  });
  live = new LiveSessions({
    client,
    settings,
    allowPrivate,
    liveUrlFor: stream.liveUrlFor,
    emit: (status) => events.emit('live-status', status),
    log,
  });
  sessions = new PlaybackSessions({
    store,
    torrents,
    events,
    urlFor: stream.urlFor,
    settings,
    waitReason: (itemId) =>
      client.onlyLocalTrackers(itemId) ? 'local-trackers-refused' : undefined,
    onEnd: (sessionId) => media.end(sessionId),
  });

  await torrents.restore();

  let tick = 0;
  let hadStats = false;
  const timer = setInterval(() => {
    try {
      const stats = torrents.stats((id) => sessions.fileIndexOf(id));
      sessions.tick();
      if (stats.length > 0 || hadStats) events.emit('stats', stats);
      hadStats = stats.length > 0;
      if (++tick % PERSIST_EVERY_TICKS === 0) torrents.persist(stats);
    } catch (err) {
      log(`stats tick failed: ${String(err)}`);
    }
  }, STATS_INTERVAL_MS);
  timer.unref();

  // details and play options asked from a title's source, remembered for offline reopening
  const answers = new TitleAnswers({ cacheDir: join(options.dataDir, 'catalog-cache'), log });
  // titles found by searching the sources open and play too, though they are not on the shelf
  const search = new SourceSearch({
    searchers: () => sources.searchers(),
    ...(options.sourceSearchTimeLimitMs ? { timeLimitMs: options.sourceSearchTimeLimitMs } : {}),
    log,
  });
  const parts: EngineParts = {
    store,
    marks,
    events,
    client,
    sources,
    answers,
    search,
    guides,
    torrents,
    sessions,
    media,
    live,
    relay,
    shelf,
    startupNotices,
    settings,
    allowPrivate,
    loadCatalog,
    localArtUrl,
  };
  const handlers: CommandHandlers = commandHandlers(parts);

  let closed = false;
  return {
    handlers,
    // A window's playback sessions are its own: they end when the host says the window went.
    handlersFor: (owner) => ownerHandlers(handlers, parts, owner),
    endOwner: (owner) => {
      live.stopOwner(owner);
      relay.stopOwner(owner);
      return sessions.stopOwner(owner);
    },
    noticeUnexpectedError: () =>
      events.notice('error', 'Something went wrong inside Essaim; it keeps running.', {
        code: 'unexpected-error',
      }),
    on: (name, listener) => events.on(name, listener),
    streamOrigin: stream.origin,
    allowStreamOrigin: (origin) => stream.allowOrigin(origin),
    openArgument: async (argument) => {
      if (isChannelLinkText(argument)) {
        const parsed = parseChannelLink(argument);
        if (!parsed.ok) throw new CodedError('invalid-input', parsed.reason);
        events.emit('open-channel', { link: argument.trim() });
        return argument.trim();
      }
      const read = await readArgument(argument, allowPrivate());
      const item = await torrents.add(read, {});
      events.emit('open-item', { itemId: item.id, autoplay: true });
      return item.id;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      sources.close();
      signed.close();
      sessions.stopAll();
      live.close();
      relay.close();
      torrents.persist(torrents.stats(() => undefined));
      await torrents.settle();
      await stream.close();
      await client.destroy();
      // a failed last save is already in the log; closing goes on regardless
      await store.close().catch(() => undefined);
      await marks.flush();
    },
  };
};

/** The file name a catalog entry gives for this item, so a season pack plays the right episode. */
function catalogFileName(item: LibraryItem, view: CatalogView | undefined): string | undefined {
  const title = view?.titles.find((t) => t.id === item.titleId);
  if (!title) return undefined;
  if (item.episodeId) return title.episodes?.find((e) => e.id === item.episodeId)?.fileName;
  return title.fileName;
}
