// Test films made on the spot with Debian's ffmpeg (never committed): the cases browsers fail on
// silently (AC3 / E-AC3 sound, HEVC picture, several sound tracks, embedded subtitles). Writes
// only inside the folder it is given.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FilmAudio {
  codec: 'ac3' | 'eac3' | 'aac' | 'mp3';
  /** a pure tone, so a test can hear which track plays */
  frequency: number;
  channels?: 2 | 6;
  language?: string;
  title?: string;
}

export interface FilmOptions {
  name: string;
  seconds?: number;
  video?: 'h264' | 'hevc';
  /** video bitrate, default 300 */
  bitrateKbps?: number;
  audio?: FilmAudio[];
  /** SubRip text embedded as the file's default subtitle track */
  srt?: { text: string; language?: string; default?: boolean };
}

/** One cue a second ("Line 1", "Line 2"...) from 0:00 on, as SubRip. */
export function countingSrt(seconds: number, prefix = 'Line'): string {
  const t = (s: number) =>
    `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},000`;
  return Array.from(
    { length: seconds },
    (_, i) => `${i + 1}\n${t(i)} --> ${t(i + 1)}\n${prefix} ${i + 1}\n`,
  ).join('\n');
}

export async function makeFilm(dir: string, opts: FilmOptions): Promise<string> {
  const seconds = opts.seconds ?? 20;
  const audio = opts.audio ?? [{ codec: 'ac3', frequency: 440, channels: 6 }];
  const out = join(dir, opts.name);
  const args = ['-hide_banner', '-loglevel', 'error', '-y'];
  args.push('-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${seconds}`);
  for (const a of audio) {
    args.push(
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${a.frequency}:sample_rate=48000:duration=${seconds}`,
    );
  }
  let srtInput: number | undefined;
  if (opts.srt) {
    const path = join(dir, `${opts.name}.embedded.srt`);
    await writeFile(path, opts.srt.text);
    srtInput = audio.length + 1;
    args.push('-i', path);
  }
  args.push('-map', '0:v');
  audio.forEach((_, i) => args.push('-map', `${i + 1}:a`));
  if (srtInput !== undefined) args.push('-map', `${srtInput}:s`);
  if (opts.video === 'hevc') {
    args.push(
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-x265-params',
      'keyint=25:min-keyint=25:log-level=error',
      '-tag:v',
      'hvc1',
    );
  } else {
    args.push(
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-g',
      '25',
      '-keyint_min',
      '25',
      '-sc_threshold',
      '0',
    );
  }
  args.push('-pix_fmt', 'yuv420p', '-b:v', `${opts.bitrateKbps ?? 300}k`);
  audio.forEach((a, i) => {
    args.push(`-c:a:${i}`, a.codec, `-ac:a:${i}`, String(a.channels ?? 2), `-b:a:${i}`, '192k');
    if (a.language) args.push(`-metadata:s:a:${i}`, `language=${a.language}`);
    if (a.title) args.push(`-metadata:s:a:${i}`, `title=${a.title}`);
    args.push(`-disposition:a:${i}`, i === 0 ? 'default' : '0');
  });
  if (opts.srt) {
    args.push('-c:s', 'srt', '-metadata:s:s:0', `language=${opts.srt.language ?? 'eng'}`);
    args.push('-disposition:s:0', opts.srt.default === false ? '0' : 'default');
  }
  args.push('-t', String(seconds), out);
  await new Promise<void>((resolve, reject) => {
    execFile('ffmpeg', args, { timeout: 180_000 }, (err, _o, stderr) => {
      if (err) reject(new Error(`ffmpeg failed: ${err.message} ${stderr}`));
      else resolve();
    });
  });
  return out;
}
