// What the window can decode and how the engine will feed it one file: the capabilities the
// window reports, and the plan (play as is, convert, or why not) with the file's tracks.
import { z } from 'zod';

const codecList = z.array(z.string().max(40)).max(64);

/**
 * Codecs the window decodes, named as ffprobe names them (h264, hevc, aac, ac3...). `direct` is
 * what its <video> plays from a plain URL; `mse` what Media Source Extensions take in fragmented MP4.
 */
export const mediaCapabilitiesSchema = z
  .object({
    directContainers: codecList,
    directVideo: codecList,
    directAudio: codecList,
    mseVideo: codecList,
    mseAudio: codecList,
    /** preferred languages, most wanted first (two-letter codes) */
    languages: z.array(z.string().max(20)).max(20),
  })
  .strict();
export type MediaCapabilities = z.infer<typeof mediaCapabilitiesSchema>;

export const audioTrackSchema = z.object({
  /** index among the file's audio streams (ffmpeg's 0:a:N) */
  id: z.number().int().min(0),
  codec: z.string(),
  channels: z.number().int().min(0).optional(),
  language: z.string().optional(),
  title: z.string().optional(),
  default: z.boolean(),
});
export type AudioTrack = z.infer<typeof audioTrackSchema>;

export const subtitleTrackSchema = z.object({
  /** 'e<N>' = the file's Nth subtitle stream; 'f<N>' = file N of the torrent */
  id: z.string().regex(/^[ef]\d{1,7}$/),
  source: z.enum(['embedded', 'torrent']),
  /** srt, ass, vtt, mov_text, or a bitmap kind (pgs, vobsub) */
  format: z.string(),
  language: z.string().optional(),
  title: z.string().optional(),
  default: z.boolean(),
  forced: z.boolean(),
  /** false: listed, but this player cannot show it yet (bitmap subtitles) */
  supported: z.boolean(),
  /** where the window reads its text (UTF-8 WebVTT for embedded tracks, the raw file otherwise) */
  url: z.string().optional(),
});
export type SubtitleTrack = z.infer<typeof subtitleTrackSchema>;

export const mediaProblemSchema = z.enum([
  /** the file needs converting and ffmpeg is not installed */
  'ffmpeg-missing',
  /** nothing this player has can decode the picture or sound */
  'unsupported',
  /** the file could not be read as a video */
  'unreadable',
]);
export type MediaProblem = z.infer<typeof mediaProblemSchema>;

export const mediaPlanSchema = z.object({
  /** direct: play `streamUrl` as is; feed: fragmented MP4 from `feedUrl` into Media Source Extensions */
  mode: z.enum(['direct', 'feed', 'unplayable']),
  /** what the feed converts, so the player can say so */
  converts: z.enum(['nothing', 'audio', 'video', 'both']),
  problem: mediaProblemSchema.optional(),
  /** detail in English, for the log and the curious (codec names) */
  detail: z.string().optional(),
  /** for feeds: add `?ss=<seconds>` to start there */
  feedUrl: z.string().optional(),
  /** for feeds: the type to give addSourceBuffer */
  mimeCodec: z.string().optional(),
  durationSeconds: z.number().min(0).optional(),
  audioTracks: z.array(audioTrackSchema),
  audioTrack: z.number().int().min(0).optional(),
  subtitles: z.array(subtitleTrackSchema),
  /** false: ffmpeg/ffprobe were not found; direct play only */
  ffmpeg: z.boolean(),
});
export type MediaPlan = z.infer<typeof mediaPlanSchema>;
