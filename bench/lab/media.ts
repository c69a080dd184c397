// The lab's films, made with ffmpeg and cached in the temp folder (never committed): a 1080p-like
// H.264/AAC MP4 at about 5 Mbit/s with its index first, the same with the index at the end, an
// MKV, and a long film of several GB made by repeating the clip without re-encoding.
import { execFile } from 'node:child_process';
import { rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type FilmKind = 'mp4' | 'mp4-moov-last' | 'mkv' | 'long';

export const FILM_SECONDS = 90;
export const FILM_VIDEO_KBPS = 5000;
export const FILM_AUDIO_KBPS = 128;

export function mediaCacheDir(): string {
  return join(tmpdir(), 'essaim-lab-cache');
}

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-y', ...args],
      { timeout: 30 * 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, _out, stderr) =>
        err ? reject(new Error(`ffmpeg failed: ${stderr || err.message}`)) : resolve(),
    );
  });
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.size > 0,
    () => false,
  );

/** Makes `out` with `make(tmp)` unless it is cached; written under a temporary name first. */
async function cached(out: string, make: (tmp: string) => Promise<void>): Promise<string> {
  if (await exists(out)) return out;
  const tmp = `${out}.partial${out.slice(out.lastIndexOf('.'))}`;
  await make(tmp);
  await rename(tmp, out);
  return out;
}

async function baseClip(dir: string): Promise<string> {
  const out = join(dir, `film-${FILM_SECONDS}s-1080p-${FILM_VIDEO_KBPS}k-faststart.mp4`);
  return cached(out, async (tmp) => {
    console.error(`Making a ${FILM_SECONDS} s 1080p H.264/AAC film (once; cached in ${dir})…`);
    const fps = 25;
    const k = FILM_VIDEO_KBPS;
    await ffmpeg([
      '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=${fps}:duration=${FILM_SECONDS}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${FILM_SECONDS}`,
      '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast',
      // constant-ish bitrate, so "size / duration" is the bitrate a viewer must sustain
      '-b:v', `${k}k`, '-minrate', `${k}k`, '-maxrate', `${k}k`, '-bufsize', `${k}k`,
      '-x264-params', 'nal-hrd=cbr',
      // a keyframe every second: seeks land where they were asked
      '-g', String(fps), '-keyint_min', String(fps), '-sc_threshold', '0',
      '-c:a', 'aac', '-b:a', `${FILM_AUDIO_KBPS}k`,
      '-movflags', '+faststart', '-shortest', tmp,
    ]); // prettier-ignore
  });
}

/** The path of one lab film, made on first use. `longGiB` sizes the long film. */
export async function labFilm(kind: FilmKind, longGiB = 3): Promise<string> {
  const dir = mediaCacheDir();
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const clip = await baseClip(dir);
  if (kind === 'mp4') return clip;
  if (kind === 'mp4-moov-last') {
    // the same streams, remuxed without +faststart: ffmpeg writes moov after the media
    return cached(clip.replace('-faststart.mp4', '-moov-last.mp4'), (tmp) =>
      ffmpeg(['-i', clip, '-c', 'copy', '-movflags', '-faststart', tmp]),
    );
  }
  if (kind === 'mkv') {
    return cached(clip.replace('.mp4', '.mkv'), (tmp) => ffmpeg(['-i', clip, '-c', 'copy', tmp]));
  }
  const clipBytes = (await stat(clip)).size;
  const repeats = Math.max(2, Math.ceil((longGiB * 1024 ** 3) / clipBytes));
  const out = join(dir, `film-long-${longGiB}gib-${repeats}x.mp4`);
  return cached(out, async (tmp) => {
    console.error(`Making a ${longGiB} GiB film by repeating the clip ${repeats} times (once)…`);
    const list = join(dir, `concat-${repeats}.txt`);
    await writeFile(list, `file '${clip}'\n`.repeat(repeats));
    await ffmpeg([
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      tmp,
    ]);
  });
}
