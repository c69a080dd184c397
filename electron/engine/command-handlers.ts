// Maps every contract command onto the engine's parts, which the composition root (engine.ts)
// builds and wires. Handlers only call into those parts; failures travel as CodedError.
import type { CommandHandlers } from '../../shared/api.js';
import type { CatalogView, Notice, Settings, Title } from '../../shared/domain.js';
import { CodedError } from '../../shared/errors.js';
import { localTitleArt, localViewArt } from './catalog/artwork/artwork-urls.js';
import type { SourceSearch } from './catalog/source-search.js';
import type { GuideStore } from './catalog/sources/m3u/guide-store.js';
import type { SourceRegistry } from './catalog/sources/source-registry.js';
import type { TitleAnswers, TitleSource } from './catalog/title-answers.js';
import type { EngineEvents } from './engine-events.js';
import type { LibraryStore } from './library/library-store.js';
import type { LiveSessions } from './live/live-sessions.js';
import { markIfNearEnd } from './marks/auto-watched.js';
import type { MarksStore } from './marks/marks-store.js';
import type { MediaService } from './media/media-service.js';
import type { PlaybackSessions } from './playback/playback-sessions.js';
import type { HlsRelay } from './stream/hls-relay.js';
import type { LibraryTorrents } from './torrent/library-torrents.js';
import { readSource } from './torrent/source-reader.js';
import type { TorrentClient } from './torrent/torrent-client.js';

const KIB = 1024;

/** The shelf as last read, shared with the library's file-name hints. */
export interface Shelf {
  view?: CatalogView;
}

export interface EngineParts {
  store: LibraryStore;
  marks: MarksStore;
  events: EngineEvents;
  client: TorrentClient;
  sources: SourceRegistry;
  answers: TitleAnswers;
  search: SourceSearch;
  guides: GuideStore;
  torrents: LibraryTorrents;
  sessions: PlaybackSessions;
  media: MediaService;
  live: LiveSessions;
  relay: HlsRelay;
  shelf: Shelf;
  /** said again to every window that connects */
  startupNotices: Notice[];
  settings(): Settings;
  allowPrivate(): boolean;
  loadCatalog(): Promise<CatalogView>;
  /** A picture's web address -> where the window loads it (this machine's server). */
  localArtUrl(url: string): string;
}

export function commandHandlers(p: EngineParts): CommandHandlers {
  const { store, marks, events, client, sources, answers, search, torrents, sessions } = p;
  const { media, live, relay, settings, allowPrivate, loadCatalog, localArtUrl } = p;
  const findTitle = async (titleId: string): Promise<{ title: Title; source?: TitleSource }> => {
    const found = await sources.resolverFor(titleId);
    if (found) return { title: found.title, source: found };
    p.shelf.view ??= await loadCatalog();
    const title = p.shelf.view.titles.find((t) => t.id === titleId);
    const searched = title ? undefined : await search.lookup(titleId);
    if (searched) return searched;
    if (!title) throw new CodedError('not-found', 'This title is not in the catalog any more.');
    return { title };
  };

  return {
    'catalog:get': async () => {
      p.shelf.view = await loadCatalog();
      return localViewArt(p.shelf.view, localArtUrl);
    },
    'sources:list': async () => {
      await sources.ready;
      return sources.list();
    },
    'sources:add': async ({ address, kind }) => sources.add(address, kind),
    'sources:refresh': async ({ sourceId }) => sources.refresh(sourceId),
    'sources:remove': async ({ sourceId }) => {
      await sources.remove(sourceId);
      return null;
    },
    'catalog:details': async ({ titleId }) => {
      const found = await findTitle(titleId);
      return localTitleArt(await answers.details(found.title, found.source), localArtUrl);
    },
    'catalog:play-options': async ({ titleId, episodeId }) => {
      const found = await findTitle(titleId);
      return answers.playOptions(found.title, episodeId, found.source);
    },
    'catalog:search': async ({ query }) => {
      const answer = await search.search(query);
      return { ...answer, titles: answer.titles.map((t) => localTitleArt(t, localArtUrl)) };
    },
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
    'notices:startup': async () => p.startupNotices,
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
    'channels:open': async ({ channelId }) => relay.open(await directChannel(p, channelId)),
    'channels:guide': async ({ channelIds }) =>
      p.guides.nowNext((await loadCatalog()).channels, channelIds),
    'live:stop': async ({ sessionId }) => {
      live.stop(sessionId);
      relay.stop(sessionId); // direct channels end the same way
      return null;
    },
    'live:probe': async ({ links }) => live.probe(links),
  };
}

/** The same handlers for one window: the sessions it starts are its own, and end when it goes. */
export function ownerHandlers(
  handlers: CommandHandlers,
  p: EngineParts,
  owner: string,
): CommandHandlers {
  return {
    ...handlers,
    'playback:start': async ({ itemId, fileIndex }) => p.sessions.start(itemId, fileIndex, owner),
    'live:open': async ({ link }) => p.live.open(link, owner),
    'channels:open': async ({ channelId }) =>
      p.relay.open(await directChannel(p, channelId), owner),
  };
}

/** A direct channel of the shelf, by id: only these may be relayed. */
async function directChannel(
  p: EngineParts,
  channelId: string,
): Promise<{ name: string; url: string }> {
  const channel = (await p.loadCatalog()).channels.find((c) => c.id === channelId);
  if (!channel?.direct) throw new CodedError('not-found', 'This channel is not in your lists.');
  return { name: channel.name, url: channel.direct.url };
}
