// Domain types shared by the engine and the window, defined as runtime schemas (zod) so every
// payload crossing a process boundary can be validated. No node:, no DOM, no electron here.
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';

/** The largest .torrent file accepted anywhere (a real one is a few hundred KiB at most). */
export const MAX_TORRENT_FILE_BYTES = 8 * 1024 * 1024;

export const infoHashSchema = z.string().regex(/^[0-9a-f]{40}$/, 'an info hash is 40 hex digits');

/** Where a torrent comes from: a magnet link or info hash, an http(s) .torrent URL, or the file's bytes. */
export const torrentSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('magnet'), uri: z.string().min(1).max(8192) }),
  z.object({ kind: z.literal('url'), url: z.string().url().max(4096) }),
  z.object({
    kind: z.literal('file'),
    name: z.string().max(1024),
    /** base64 of the .torrent file; capped because a .torrent is small and this crosses IPC */
    base64: z.string().max(Math.ceil(MAX_TORRENT_FILE_BYTES / 3) * 4),
  }),
]);
export type TorrentSource = z.infer<typeof torrentSourceSchema>;

/** A catalog entry's name and synopsis in one more language; either may be left out. */
export const catalogTranslationSchema = z.object({
  name: z.string().min(1).max(300).optional(),
  synopsis: z.string().max(2000).optional(),
});
export type CatalogTranslation = z.infer<typeof catalogTranslationSchema>;
const MAX_TRANSLATIONS = 20;
/** Keyed by ISO 639-1 language code ("fr"); the entry's own name and synopsis stay the fallback. */
export const catalogTranslationsSchema = z
  .record(
    z.string().regex(/^[a-z]{2}$/, 'a language is a two-letter code such as "fr"'),
    catalogTranslationSchema,
  )
  .refine((t) => Object.keys(t).length <= MAX_TRANSLATIONS, {
    message: `at most ${MAX_TRANSLATIONS} translations`,
  });

/**
 * One way to play a film or an episode. A title may have several (qualities, releases); they are
 * listed in order of preference and the window lets the user choose.
 */
export const playOptionSchema = z.object({
  /** magnet link (with xs= when possible), info hash, or https .torrent URL */
  source: z.string().min(1).max(8192),
  /** the file inside the torrent, by name or by index, when the torrent holds more than one */
  fileName: z.string().max(1024).optional(),
  fileIndex: z.number().int().min(0).max(1_000_000).optional(),
  /** what tells options apart, in the source's own words: "1080p", "WEB release" */
  label: z.string().max(200).optional(),
  sizeBytes: z.number().int().min(0).optional(),
  /** peers (seeders) the source reported, when it did */
  peers: z.number().int().min(0).optional(),
});
export type PlayOption = z.infer<typeof playOptionSchema>;

/**
 * What a source offered that cannot be played here, counted by reason, so the window can say it
 * in the user's language (the plain English `ignored` lines say the same).
 */
export const leftOutReasonSchema = z.enum([
  'direct',
  'youtube',
  'web-page',
  'usenet',
  'archive',
  'private',
  'unreadable',
  'too-many',
]);
export const leftOutSchema = z.object({
  reason: leftOutReasonSchema,
  count: z.number().int().min(1),
});
export type LeftOut = z.infer<typeof leftOutSchema>;

/** How many play options a title or episode may carry. */
export const MAX_PLAY_OPTIONS = 50;

export const episodeSchema = z.object({
  id: z.string().min(1).max(200),
  season: z.number().int().min(0).max(1000),
  episode: z.number().int().min(0).max(10000),
  name: z.string().min(1).max(300),
  synopsis: z.string().max(2000).optional(),
  /**
   * magnet link (with xs= when possible) or https .torrent URL. Left out when the episode's
   * options are known (`options`) or asked from its source when chosen (`catalog:play-options`).
   */
  source: z.string().min(1).max(8192).optional(),
  options: z.array(playOptionSchema).max(MAX_PLAY_OPTIONS).optional(),
  /** when it was first shown (ISO date), when the source says */
  released: z.string().max(40).optional(),
  /** https URL or data: URI of a still from the episode */
  thumbnail: z.string().max(200_000).optional(),
  /** the file inside the torrent, when the torrent holds more than the episode */
  fileName: z.string().max(1024).optional(),
  translations: catalogTranslationsSchema.optional(),
});
export type Episode = z.infer<typeof episodeSchema>;

export const titleSchema = z.object({
  id: z.string().min(1).max(200),
  kind: z.enum(['film', 'series']),
  name: z.string().min(1).max(300),
  year: z.number().int().min(1870).max(2200).optional(),
  synopsis: z.string().max(2000).optional(),
  /** https URL or a data: URI of an image */
  poster: z.string().max(200_000).optional(),
  durationMinutes: z.number().positive().max(10_000).optional(),
  licence: z.string().max(200).optional(),
  credit: z.string().max(500).optional(),
  /** films: magnet link or https .torrent URL */
  source: z.string().min(1).max(8192).optional(),
  fileName: z.string().max(1024).optional(),
  /** films: every way to play it, best first; `source` above is the first one when both exist */
  options: z.array(playOptionSchema).max(MAX_PLAY_OPTIONS).optional(),
  /**
   * true when the title's play options (and, for a series, its episodes) are asked from its
   * source when the user opens it, with `catalog:details` and `catalog:play-options`
   */
  resolvable: z.boolean().optional(),
  /** series: the episodes, in any order */
  episodes: z.array(episodeSchema).max(5000).optional(),
  translations: catalogTranslationsSchema.optional(),
  genres: z.array(z.string().min(1).max(60)).max(20).optional(),
  cast: z.array(z.string().min(1).max(120)).max(50).optional(),
  directors: z.array(z.string().min(1).max(120)).max(20).optional(),
  /** https URL or data: URI of a wide picture shown behind the details */
  backdrop: z.string().max(200_000).optional(),
  /** when the source says it was released or published (ISO date); feeds give their item's date */
  released: z.string().max(40).optional(),
  /** which source (see sourceStateSchema) the title came from; 'builtin' for the shipped catalog */
  sourceId: z.string().max(200).optional(),
});
export type Title = z.infer<typeof titleSchema>;

export const channelSchema = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(300),
    description: z.string().max(2000).optional(),
    logo: z.string().max(200_000).optional(),
    /** the channel link (essaim-live:?pk=…&origin=…): its key, its origin and its trackers */
    link: z.string().min(1).max(4096).optional(),
    /**
     * a direct channel (an M3U list's entry): its HLS playlist, played through the engine's relay,
     * not over P2P. Exactly one of `link` and `direct` is present.
     */
    direct: z.object({ url: z.string().min(1).max(4096) }).optional(),
    /** the list's group for this channel (news, sport…) */
    group: z.string().min(1).max(200).optional(),
    /** the id that joins the channel to its programme guide (M3U tvg-id, XMLTV channel id) */
    tvgId: z.string().min(1).max(300).optional(),
    /** the XMLTV guide (http(s) URL) that holds this channel's programmes */
    guide: z.string().min(1).max(4096).optional(),
  })
  .refine((c) => (c.link === undefined) !== (c.direct === undefined), {
    message: 'a channel needs exactly one of "link" (a P2P channel) and "direct" (a stream URL)',
  });
export type Channel = z.infer<typeof channelSchema>;

/** The kinds of source a user can add; 'essaim' is the product's own catalog format. */
export const sourceKindSchema = z.enum([
  'essaim',
  'stremio',
  'rss',
  'internet-archive',
  'm3u',
  'signed',
]);
export type SourceKind = z.infer<typeof sourceKindSchema>;

/** One catalog source as the Sources page shows it. */
export const sourceStateSchema = z.object({
  id: z.string().min(1).max(200),
  kind: sourceKindSchema,
  /** what the user added: a URL, a file path, a catalog link, an Internet Archive query */
  address: z.string().max(8192),
  /** the source's own name once read, else the address */
  name: z.string().max(300),
  /** shipped with the app (cannot be removed) or given on the command line (not saved) */
  origin: z.enum(['builtin', 'user', 'command-line']),
  /** 'stale' = the last refresh failed and the last good copy is shown */
  state: z.enum(['loading', 'ready', 'stale', 'failed']),
  /** ms since epoch of the last good copy */
  updatedAt: z.number().optional(),
  titles: z.number().int().min(0),
  channels: z.number().int().min(0),
  /** in plain words, in English: why the last refresh failed or what was left out */
  problem: z.string().max(2000).optional(),
});
export type SourceState = z.infer<typeof sourceStateSchema>;

/** What the user asked to remember about a title or an episode, keyed by its id. */
export const userMarksSchema = z.object({
  /** title or episode id -> ms since epoch when it was marked watched */
  watched: z.record(z.string().max(400), z.number()),
  /** title ids, most recently added first */
  myList: z.array(z.string().max(200)).max(10_000),
});
export type UserMarks = z.infer<typeof userMarksSchema>;

export const catalogProblemSchema = z.object({
  catalog: z.string(),
  entry: z.string().optional(),
  message: z.string(),
});
export type CatalogProblem = z.infer<typeof catalogProblemSchema>;

export const catalogViewSchema = z.object({
  titles: z.array(titleSchema),
  channels: z.array(channelSchema),
  problems: z.array(catalogProblemSchema),
});
export type CatalogView = z.infer<typeof catalogViewSchema>;

export const torrentFileSchema = z.object({
  index: z.number().int().min(0),
  /** path inside the torrent, always relative and sanitised */
  path: z.string(),
  length: z.number().int().min(0),
  playable: z.boolean(),
});
export type TorrentFileInfo = z.infer<typeof torrentFileSchema>;

export const itemStatusSchema = z.enum([
  'fetching-metadata',
  'downloading',
  'seeding',
  'paused',
  'complete',
  'error',
]);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

/** Something the user added or played: it lives in the library until they remove it. */
export const libraryItemSchema = z.object({
  id: infoHashSchema,
  name: z.string(),
  /** the catalog title (and episode) it came from, if any */
  titleId: z.string().optional(),
  episodeId: z.string().optional(),
  addedAt: z.number(),
  magnet: z.string(),
  files: z.array(torrentFileSchema),
  /** the file chosen to play, once known */
  fileIndex: z.number().int().min(0).optional(),
  length: z.number().int().min(0),
  downloaded: z.number().min(0),
  uploaded: z.number().min(0),
  progress: z.number().min(0).max(1),
  positionSeconds: z.number().min(0),
  durationSeconds: z.number().min(0).optional(),
  /** ms since epoch of the last playhead report: orders Continue watching, most recent first */
  lastPlayedAt: z.number().optional(),
  status: itemStatusSchema,
  errorMessage: z.string().optional(),
});
export type LibraryItem = z.infer<typeof libraryItemSchema>;

export const languageSchema = z.enum(['en', 'fr']);
export type Language = z.infer<typeof languageSchema>;
/** The language setting: 'system' follows the system's languages until the user picks one. */
export const languageSettingSchema = z.enum(['system', 'en', 'fr']);
export type LanguageSetting = z.infer<typeof languageSettingSchema>;

export const settingsSchema = z.object({
  /** KiB/s, 0 = no limit */
  downloadLimitKiBps: z.number().int().min(0).max(10_000_000),
  /** KiB/s, 0 = no limit */
  uploadLimitKiBps: z.number().int().min(0).max(10_000_000),
  maxConnections: z.number().int().min(1).max(1000),
  /** keep sharing a title after playback stops */
  seedAfterWatching: z.boolean(),
  language: languageSettingSchema,
  /** contact trackers, web seeds and peers on this machine and the local network */
  allowLocalNetwork: z.boolean(),
  /** seconds of media to keep downloaded ahead of the playhead */
  bufferAheadSeconds: z.number().int().min(5).max(600),
  /** the folder holding ffmpeg and ffprobe (or the ffmpeg program); empty = look for them */
  ffmpegPath: z.string().max(4096),
  /** live channels: 'standard' leaves the swarm more time (more sharing), 'low-latency' stays closer to live */
  liveLatency: z.enum(['standard', 'low-latency']),
  /** relay a live channel to other viewers while watching it (within the upload limit) */
  liveSharing: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  downloadLimitKiBps: 0,
  uploadLimitKiBps: 0,
  maxConnections: 55,
  seedAfterWatching: true,
  language: 'system',
  allowLocalNetwork: false,
  bufferAheadSeconds: 30,
  ffmpegPath: '',
  liveLatency: 'standard',
  liveSharing: true,
};

export const playbackPhaseSchema = z.enum([
  'finding-peers',
  'fetching-metadata',
  'buffering',
  'playing',
  'error',
]);
export type PlaybackPhase = z.infer<typeof playbackPhaseSchema>;

/** One open stream: the window plays `streamUrl` in its <video>. */
export const playbackSessionSchema = z.object({
  sessionId: z.string(),
  itemId: infoHashSchema,
  fileIndex: z.number().int().min(0).optional(),
  fileName: z.string().optional(),
  /** set once the file is known; the stream server waits for pieces itself */
  streamUrl: z.string().optional(),
  mimeType: z.string().optional(),
  phase: playbackPhaseSchema,
  /** 0..100, how much of the start-up buffer is ready */
  bufferPercent: z.number().min(0).max(100),
  resumeAtSeconds: z.number().min(0),
  errorMessage: z.string().optional(),
  /** why the wait may last: 'local-trackers-refused' = its only trackers are on the local network */
  waitReason: z.enum(['local-trackers-refused']).optional(),
});
export type PlaybackSession = z.infer<typeof playbackSessionSchema>;

/** Live figures for one torrent, pushed a few times a second. */
export const torrentStatsSchema = z.object({
  itemId: infoHashSchema,
  peers: z.number().int().min(0),
  downloadSpeed: z.number().min(0),
  uploadSpeed: z.number().min(0),
  downloaded: z.number().min(0),
  uploaded: z.number().min(0),
  progress: z.number().min(0).max(1),
  /** downloaded parts of the playing file, as [start, end) fractions of it, for the seek bar */
  fileRanges: z.array(z.tuple([z.number(), z.number()])),
  status: itemStatusSchema,
});
export type TorrentStats = z.infer<typeof torrentStatsSchema>;

/** Notices the window words itself, in the user's language; the rest show `message` as it is. */
export const noticeCodeSchema = z.enum([
  'library-not-saved',
  'library-saved-again',
  'unexpected-error',
]);
export type NoticeCode = z.infer<typeof noticeCodeSchema>;

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  /** in English; the window shows it when it has no words of its own for `code` */
  message: z.string(),
  code: noticeCodeSchema.optional(),
  /** why, for a coded notice: the error code of what went wrong (e.g. disk-full) */
  cause: z.enum(ERROR_CODES).optional(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** A live channel being watched: the window plays `playlistUrl` with an HLS player. */
export const liveSessionSchema = z.object({
  sessionId: z.string(),
  name: z.string(),
  playlistUrl: z.string(),
});
export type LiveSession = z.infer<typeof liveSessionSchema>;

/** One programme of the guide, times in ms since epoch. */
export const guideProgrammeSchema = z.object({
  title: z.string().max(500),
  start: z.number(),
  end: z.number(),
  description: z.string().max(2000).optional(),
});
export type GuideProgramme = z.infer<typeof guideProgrammeSchema>;

/** What is on a channel now and next, from its XMLTV guide (nothing when unknown). */
export const channelGuideSchema = z.object({
  channelId: z.string(),
  now: guideProgrammeSchema.optional(),
  next: guideProgrammeSchema.optional(),
});
export type ChannelGuide = z.infer<typeof channelGuideSchema>;

export const liveStateSchema = z.enum(['connecting', 'on-air', 'off-air']);
export type LiveState = z.infer<typeof liveStateSchema>;

/** A live session's figures, pushed about once a second. */
export const liveStatusSchema = z.object({
  sessionId: z.string(),
  state: liveStateSchema,
  /** other viewers this one is connected to (the broadcaster is not counted) */
  peers: z.number().int().min(0),
  /** share of the channel's bytes that came from other viewers, 0..1 */
  offload: z.number().min(0).max(1),
  /** seconds between the newest playable segment being published and now */
  edgeLagSeconds: z.number().optional(),
  originReachable: z.boolean(),
  /** in English: a refused manifest and the like */
  problem: z.string().optional(),
  /** the same, as a code the window words in its own language */
  problemCode: z
    // direct channels add: 'unreachable' (stream offline or failing), 'refused-address' (a
    // private address while the local network is not allowed)
    .enum([
      'too-large',
      'malformed',
      'bad-signature',
      'wrong-channel',
      'stale',
      'old',
      'unreachable',
      'refused-address',
    ])
    .optional(),
});
export type LiveStatus = z.infer<typeof liveStatusSchema>;
