// Asks ffprobe what a file holds, over the local stream's URL (ffprobe reads only the ranges it
// needs: an MKV's head, an MP4's moov wherever it is), and reduces its answer to what playback needs.
import { execFile } from 'node:child_process';
import type { AudioTrack } from '../../../shared/media.js';

export interface ProbedVideo {
  codec: string;
  profile?: string;
  level?: number;
  width?: number;
  height?: number;
  pixFmt?: string;
}

export interface ProbedSubtitle {
  /** index among the file's subtitle streams (ffmpeg's 0:s:N) */
  index: number;
  codec: string;
  language?: string;
  title?: string;
  default: boolean;
  forced: boolean;
}

export interface MediaProbe {
  /** ffprobe's format names, e.g. "matroska,webm" or "mov,mp4,m4a,3gp,3g2,mj2" */
  formatName: string;
  durationSeconds?: number;
  /** where the file's clock starts (MPEG-TS often starts at 1.4 s); the player's starts at 0 */
  startSeconds?: number;
  video?: ProbedVideo;
  audio: AudioTrack[];
  subtitles: ProbedSubtitle[];
}

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  level?: number;
  width?: number;
  height?: number;
  pix_fmt?: string;
  channels?: number;
  duration?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
}

/** A stranger's file may declare thousands of tracks; a real one has a handful. */
const MAX_TRACKS = 100;

const text = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : undefined;
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** ffprobe's JSON (untrusted: it describes a stranger's file) -> the facts playback uses. */
export function parseProbe(json: unknown): MediaProbe {
  const root = (json ?? {}) as { format?: Record<string, unknown>; streams?: unknown };
  const streams = (Array.isArray(root.streams) ? root.streams : []) as RawStream[];
  const tag = (s: RawStream, name: string) => text(s.tags?.[name] ?? s.tags?.[name.toUpperCase()]);
  const flag = (s: RawStream, name: string) => s.disposition?.[name] === 1;
  const language = (s: RawStream) => {
    const l = tag(s, 'language');
    return l && l !== 'und' ? l.toLowerCase() : undefined;
  };

  // cover art is a "video" stream of one picture: never the film
  const videoStream = streams.find((s) => s.codec_type === 'video' && !flag(s, 'attached_pic'));
  const audio: AudioTrack[] = [];
  const subtitles: ProbedSubtitle[] = [];
  for (const s of streams) {
    if (s.codec_type === 'audio' && audio.length < MAX_TRACKS) {
      const channels = num(s.channels);
      audio.push({
        id: audio.length,
        codec: text(s.codec_name, 40) ?? 'unknown',
        ...(channels !== undefined ? { channels } : {}),
        ...(language(s) ? { language: language(s) } : {}),
        ...(tag(s, 'title') ? { title: tag(s, 'title') } : {}),
        default: flag(s, 'default'),
      });
    } else if (s.codec_type === 'subtitle' && subtitles.length < MAX_TRACKS) {
      subtitles.push({
        index: subtitles.length,
        codec: text(s.codec_name, 40) ?? 'unknown',
        ...(language(s) ? { language: language(s) } : {}),
        ...(tag(s, 'title') ? { title: tag(s, 'title') } : {}),
        default: flag(s, 'default'),
        forced: flag(s, 'forced'),
      });
    }
  }
  const duration = num(root.format?.['duration']) ?? num(videoStream?.duration);
  const start = num(root.format?.['start_time']);
  return {
    formatName: text(root.format?.['format_name']) ?? '',
    ...(duration !== undefined && duration > 0 ? { durationSeconds: duration } : {}),
    ...(start !== undefined && start > 0 && start < 1e6 ? { startSeconds: start } : {}),
    ...(videoStream
      ? {
          video: {
            codec: text(videoStream.codec_name, 40) ?? 'unknown',
            ...(text(videoStream.profile) ? { profile: text(videoStream.profile) } : {}),
            ...(num(videoStream.level) !== undefined ? { level: num(videoStream.level) } : {}),
            ...(num(videoStream.width) ? { width: num(videoStream.width) } : {}),
            ...(num(videoStream.height) ? { height: num(videoStream.height) } : {}),
            ...(text(videoStream.pix_fmt) ? { pixFmt: text(videoStream.pix_fmt) } : {}),
          },
        }
      : {}),
    audio,
    subtitles,
  };
}

/** Runs ffprobe on the stream URL. Rejects with ffprobe's own words when it cannot read the file. */
export function probeMedia(ffprobe: string, url: string, timeoutMs = 120_000): Promise<MediaProbe> {
  const args = [
    '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams',
    // a stalled swarm must not leave ffprobe waiting forever on one read
    '-rw_timeout', String(timeoutMs * 1000),
    url,
  ]; // prettier-ignore
  return new Promise((resolve, reject) => {
    execFile(
      ffprobe,
      args,
      { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(stderr.trim().split('\n').at(-1) || err.message));
          return;
        }
        try {
          resolve(parseProbe(JSON.parse(stdout)));
        } catch (parseErr) {
          reject(new Error(`ffprobe gave no readable answer: ${String(parseErr)}`));
        }
      },
    );
  });
}
