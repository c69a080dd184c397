// What catalogs offer, as the window receives it: titles, episodes and channels with their play
// options, each source's state and the merged view. Runtime schemas only; no node:, no DOM, no electron.
import { z } from 'zod';

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
