// The engine's composition root: wires the library store, catalog, torrent client, playback
// sessions and stream server, and maps every contract command onto them. It only wires; it never
// imports electron and never lets a handler's failure take the process down.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandHandlers } from '../../shared/api.js';
import { isChannelLinkText, parseChannelLink } from '../../shared/channel-link.js';
import { CodedError } from '../../shared/errors.js';
import type { CatalogView, LibraryItem, Settings } from '../../shared/domain.js';
import { loadCatalogs } from './catalog/catalog-loader.js';
import { locateFfmpeg } from './media/ffmpeg-locate.js';
import { MediaService } from './media/media-service.js';
import type { CreateEngine, Engine, EngineOptions } from './engine-api.js';
import { EngineEvents } from './engine-events.js';
import { LibraryStore } from './library/library-store.js';
import { LiveSessions } from './live/live-sessions.js';
import { markIfNearEnd } from './marks/auto-watched.js';
import { MarksStore } from './marks/marks-store.js';
import { reportLibrarySaves } from './library/save-reports.js';
import { resumeDirOf } from './storage/resume-record.js';
import { PlaybackSessions } from './playback/playback-sessions.js';
import { createStreamServer } from './stream/stream-server.js';
import { LibraryTorrents } from './torrent/library-torrents.js';
import { readArgument, readSource } from './torrent/source-reader.js';
import { TorrentClient } from './torrent/torrent-client.js';

const STATS_INTERVAL_MS = 500;
/** Figures are saved into the library every this many stats ticks (the store batches writes). */
const PERSIST_EVERY_TICKS = 10;
const DEFAULT_CATALOG = fileURLToPath(new URL('./catalog/default-catalog.json', import.meta.url));
const KIB = 1024;

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
    lsd: options.lsd ?? true,
    allowPrivateAddresses: allowPrivate(),
    torrentPort: options.torrentPort,
    maxConns: settings().maxConnections,
    downloadLimit: settings().downloadLimitKiBps * KIB,
    uploadLimit: settings().uploadLimitKiBps * KIB,
    resumeDir: resumeDirOf(options.dataDir),
    log,
  });

  let catalog: Promise<CatalogView> | undefined;
  const loadCatalog = (): Promise<CatalogView> =>
    (catalog ??= loadCatalogs(
      {
        builtIn:
          options.builtInCatalogPath === undefined ? DEFAULT_CATALOG : options.builtInCatalogPath,
        extra: options.catalogs ?? [],
      },
      { cacheDir: join(options.dataDir, 'catalog-cache') },
    ).catch((err: unknown) => {
      catalog = undefined; // try again next time
      throw err;
    }));

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
    fileNameHint: (item) => catalogFileName(item, loadedCatalog),
  });
  let loadedCatalog: CatalogView | undefined;

  // The Electron app scheme or headless UI origin, when the host passes one; media requests from a
  // <video> element carry no Origin header, so an empty list still lets the window play.
  stream = await createStreamServer({
    resolve: (sessionId) => sessions.resolveTarget(sessionId),
    allowedOrigins: options.streamAllowedOrigins ?? [],
    onRangeRequest: (sessionId, startByte) => sessions.onRangeRequest(sessionId, startByte),
    media,
    live: {
      playlist: (sessionId) => live.playlist(sessionId),
      segment: (sessionId, segmentId) => live.segment(sessionId, segmentId),
    },
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

  const handlers: CommandHandlers = {
    'catalog:get': async () => {
      loadedCatalog = await loadCatalog();
      return loadedCatalog;
    },
    // placeholders until the source registry and marks land (same session)
    'sources:list': async () => notYet(),
    'sources:add': async () => notYet(),
    'sources:refresh': async () => notYet(),
    'sources:remove': async () => notYet(),
    'catalog:details': async () => notYet(),
    'catalog:play-options': async () => notYet(),
    'marks:get': async () => marks.get(),
    'marks:set': async (change) => {
      const next = marks.set(change);
      events.emit('marks', next);
      return next;
    },
    'library:list': async () => store.items(),
    'library:add': async ({ source, titleId, episodeId }) => {
      const read = await readSource(source, allowPrivate());
      return torrents.add(read, { titleId, episodeId });
    },
    'library:remove': async ({ itemId, deleteData }) => {
      sessions.stopItem(itemId);
      await torrents.removeItem(itemId, deleteData);
      return null;
    },
    'playback:start': async ({ itemId, fileIndex }) => sessions.start(itemId, fileIndex),
    'playback:stop': async ({ sessionId }) => {
      await sessions.stop(sessionId);
      return null;
    },
    'playback:progress': async ({ sessionId, positionSeconds, durationSeconds }) => {
      sessions.progress(sessionId, positionSeconds, durationSeconds);
      const itemId = sessions.itemOf(sessionId);
      const item = itemId === undefined ? undefined : store.peek(itemId);
      const watched = markIfNearEnd(marks, item, positionSeconds, durationSeconds);
      if (watched) events.emit('marks', watched);
      return null;
    },
    'playback:prefetch': async ({ sessionId, positionSeconds }) => {
      sessions.prefetch(sessionId, positionSeconds);
      return null;
    },
    'playback:media': async ({ sessionId, capabilities, audioTrack }) =>
      media.plan(sessionId, capabilities, audioTrack),
    'settings:get': async () => settings(),
    'notices:startup': async () => startupNotices,
    'settings:update': async (partial) => {
      const next = store.updateSettings(partial);
      client.setLimits(next.downloadLimitKiBps * KIB, next.uploadLimitKiBps * KIB);
      client.setMaxConns(next.maxConnections);
      sessions.setBufferAhead(next.bufferAheadSeconds);
      client.setLocalNetworkAllowed(allowPrivate());
      sessions.tick(); // the wait message follows the change at once
      live.applySettings(next);
      return next;
    },
    'live:open': async ({ link }) => live.open(link),
    'live:stop': async ({ sessionId }) => {
      live.stop(sessionId);
      return null;
    },
    'live:probe': async ({ links }) => live.probe(links),
  };

  let closed = false;
  return {
    handlers,
    // A window's playback sessions are its own: they end when the host says the window went.
    handlersFor: (owner) => ({
      ...handlers,
      'playback:start': async ({ itemId, fileIndex }) => sessions.start(itemId, fileIndex, owner),
      'live:open': async ({ link }) => live.open(link, owner),
    }),
    endOwner: (owner) => {
      live.stopOwner(owner);
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
      sessions.stopAll();
      live.close();
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

function notYet(): never {
  throw new CodedError('internal', 'This part of Essaim is not ready yet.');
}

/** The file name a catalog entry gives for this item, so a season pack plays the right episode. */
function catalogFileName(item: LibraryItem, view: CatalogView | undefined): string | undefined {
  const title = view?.titles.find((t) => t.id === item.titleId);
  if (!title) return undefined;
  if (item.episodeId) return title.episodes?.find((e) => e.id === item.episodeId)?.fileName;
  return title.fileName;
}
