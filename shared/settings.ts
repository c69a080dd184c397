// The user's settings and language, with the defaults a fresh install starts from.
// Runtime schemas only; no node:, no DOM, no electron.
import { z } from 'zod';

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
