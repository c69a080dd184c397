// What the user has: torrent sources, library items with their files and live figures, and the
// marks kept about titles (watched, My list). Runtime schemas only; no node:, no DOM, no electron.
import { z } from 'zod';

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

/** What the user asked to remember about a title or an episode, keyed by its id. */
export const userMarksSchema = z.object({
  /** title or episode id -> ms since epoch when it was marked watched */
  watched: z.record(z.string().max(400), z.number()),
  /** title ids, most recently added first */
  myList: z.array(z.string().max(200)).max(10_000),
});
export type UserMarks = z.infer<typeof userMarksSchema>;

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
