// The one contract between the window and the engine: commands (request -> result) and events
// (engine -> window). Each entry has runtime schemas; every transport validates against them.
import { z } from 'zod';
import {
  catalogViewSchema,
  channelGuideSchema,
  infoHashSchema,
  libraryItemSchema,
  liveSessionSchema,
  liveStateSchema,
  liveStatusSchema,
  noticeSchema,
  leftOutSchema,
  playOptionSchema,
  playbackSessionSchema,
  sourceKindSchema,
  sourceStateSchema,
  titleSchema,
  userMarksSchema,
  settingsSchema,
  torrentSourceSchema,
  torrentStatsSchema,
} from './domain.js';
import { libraryChangesSchema } from './library-changes.js';
import { mediaCapabilitiesSchema, mediaPlanSchema } from './media.js';

const empty = z.object({}).strict();

export const commands = {
  'catalog:get': { input: empty, output: catalogViewSchema },
  /** Every catalog source with its state (Settings, Sources page). */
  'sources:list': { input: empty, output: z.array(sourceStateSchema) },
  /** Add a source; the kind is recognised from the address when left out. Saved across restarts. */
  'sources:add': {
    input: z
      .object({ address: z.string().min(1).max(8192), kind: sourceKindSchema.optional() })
      .strict(),
    output: sourceStateSchema,
  },
  'sources:refresh': {
    input: z.object({ sourceId: z.string().min(1).max(200) }).strict(),
    output: sourceStateSchema,
  },
  'sources:remove': {
    input: z.object({ sourceId: z.string().min(1).max(200) }).strict(),
    output: z.null(),
  },
  /** The full details of a title whose source answers on demand (`resolvable`): episodes and all. */
  'catalog:details': {
    input: z.object({ titleId: z.string().min(1).max(200) }).strict(),
    output: titleSchema,
  },
  /**
   * The ways to play a title or an episode, best first. `ignored` says in plain words what the
   * source offered that this app cannot play (a web page, a file host), so the user knows.
   */
  'catalog:play-options': {
    input: z
      .object({
        titleId: z.string().min(1).max(200),
        episodeId: z.string().min(1).max(400).optional(),
      })
      .strict(),
    output: z.object({
      options: z.array(playOptionSchema),
      ignored: z.array(z.string()),
      /** the same as `ignored`, counted by reason, for the window to translate */
      leftOut: z.array(leftOutSchema).max(20).optional(),
    }),
  },
  /**
   * Titles found by the sources that answer search words themselves (Stremio add-ons' search
   * catalogs), tagged with their sourceId; opened and played like the shelf's. `problems` says in
   * plain words which sources failed or did not answer in time.
   */
  'catalog:search': {
    input: z.object({ query: z.string().min(1).max(200) }).strict(),
    output: z.object({
      titles: z.array(titleSchema),
      problems: z.array(z.string().max(2000)).max(200),
    }),
  },
  'marks:get': { input: empty, output: userMarksSchema },
  /** Mark or unmark a title or episode as watched, add or remove a title from My list. */
  'marks:set': {
    input: z
      .object({
        id: z.string().min(1).max(400),
        watched: z.boolean().optional(),
        inMyList: z.boolean().optional(),
      })
      .strict(),
    output: userMarksSchema,
  },
  'library:list': { input: empty, output: z.array(libraryItemSchema) },
  /** Add a torrent to the library (magnet, info hash, URL or file bytes); returns the item. */
  'library:add': {
    input: z
      .object({
        source: torrentSourceSchema,
        titleId: z.string().max(200).optional(),
        episodeId: z.string().max(200).optional(),
      })
      .strict(),
    output: libraryItemSchema,
  },
  'library:remove': {
    input: z.object({ itemId: infoHashSchema, deleteData: z.boolean() }).strict(),
    output: z.null(),
  },
  /** Start streaming an item; the session tells the window what to play and how far start-up got. */
  'playback:start': {
    input: z
      .object({ itemId: infoHashSchema, fileIndex: z.number().int().min(0).optional() })
      .strict(),
    output: playbackSessionSchema,
  },
  'playback:stop': {
    input: z.object({ sessionId: z.string().min(1).max(100) }).strict(),
    output: z.null(),
  },
  /** The playhead, reported by the window: moves the read-ahead window and saves the position. */
  'playback:progress': {
    input: z
      .object({
        sessionId: z.string().min(1).max(100),
        positionSeconds: z.number().min(0).max(1e7),
        durationSeconds: z.number().min(0).max(1e7).optional(),
      })
      .strict(),
    output: z.null(),
  },
  /** The pointer rests over a point of the seek bar: start fetching there, a seek may follow. */
  'playback:prefetch': {
    input: z
      .object({
        sessionId: z.string().min(1).max(100),
        positionSeconds: z.number().min(0).max(1e7),
      })
      .strict(),
    output: z.null(),
  },
  /**
   * How to play the session's file, given what the window decodes: as is, or converted through
   * a feed; with its audio and subtitle tracks. Asked again to switch the audio track.
   */
  'playback:media': {
    input: z
      .object({
        sessionId: z.string().min(1).max(100),
        capabilities: mediaCapabilitiesSchema,
        audioTrack: z.number().int().min(0).max(1000).optional(),
      })
      .strict(),
    output: mediaPlanSchema,
  },
  'settings:get': { input: empty, output: settingsSchema },
  /**
   * What the engine had to tell the user while starting, before any window could listen (a damaged
   * library set aside, entries left out, settings reset). A window asks once when it first connects.
   */
  'notices:startup': { input: empty, output: z.array(noticeSchema) },
  'settings:update': { input: settingsSchema.partial().strict(), output: settingsSchema },
  /** Start watching a live channel from its link; the window plays the session's playlist. */
  'live:open': {
    input: z.object({ link: z.string().min(1).max(4096) }).strict(),
    output: liveSessionSchema,
  },
  /**
   * Start watching a direct channel (an M3U list's entry) through the engine's relay; the window
   * plays the session's playlist like a live one, and `live:stop` ends it.
   */
  'channels:open': {
    input: z.object({ channelId: z.string().min(1).max(200) }).strict(),
    output: liveSessionSchema,
  },
  /** What is on each channel now and next, from the guides its list names. */
  'channels:guide': {
    input: z.object({ channelIds: z.array(z.string().min(1).max(200)).max(10_000) }).strict(),
    output: z.array(channelGuideSchema),
  },
  'live:stop': {
    input: z.object({ sessionId: z.string().min(1).max(100) }).strict(),
    output: z.null(),
  },
  /** Whether each channel is on air now (its origin has a fresh manifest signed by its key). */
  'live:probe': {
    input: z.object({ links: z.array(z.string().min(1).max(4096)).max(200) }).strict(),
    output: z.array(z.object({ link: z.string(), state: liveStateSchema })),
  },
} as const;

export const events = {
  stats: z.array(torrentStatsSchema),
  session: playbackSessionSchema,
  /** what changed since the last one; a window starts from `library:list` (see library-changes.ts) */
  library: libraryChangesSchema,
  notice: noticeSchema,
  /** The shelf changed (a source was added, refreshed or removed): ask `catalog:get` again. */
  catalog: z.object({}),
  /** Watched marks or My list changed (by hand in another window, or automatically near the end). */
  marks: userMarksSchema,
  /** The sources' states changed (loading, ready, stale). */
  sources: z.array(sourceStateSchema),
  'live-status': liveStatusSchema,
  /** Something opened from outside (command line, OS handler): the window should show and play it. */
  'open-item': z.object({ itemId: infoHashSchema, autoplay: z.boolean() }),
  /** A channel link opened from outside: the window should play it. */
  'open-channel': z.object({ link: z.string().max(4096) }),
} as const;

export type CommandName = keyof typeof commands;
export type CommandInput<K extends CommandName> = z.input<(typeof commands)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<(typeof commands)[K]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** What the engine implements: one handler per command. A missing one fails the typecheck. */
export type CommandHandlers = {
  [K in CommandName]: (input: z.output<(typeof commands)[K]['input']>) => Promise<CommandOutput<K>>;
};

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
