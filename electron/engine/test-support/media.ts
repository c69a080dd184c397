// Test media made on the spot with Debian's ffmpeg (never committed): small H.264/AAC MP4 files
// with a keyframe every second. It writes only inside the folder it is given.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface TestVideoOptions {
  seconds?: number;
  /** true (default): moov before the media; false: moov at the end, as many real files have it */
  faststart?: boolean;
  width?: number;
  height?: number;
  bitrateKbps?: number;
  name?: string;
}

export function makeTestVideo(dir: string, opts: TestVideoOptions = {}): Promise<string> {
  const seconds = opts.seconds ?? 20;
  const width = opts.width ?? 320;
  const height = opts.height ?? 240;
  const kbps = opts.bitrateKbps ?? 500;
  const faststart = opts.faststart ?? true;
  const out = join(
    dir,
    opts.name ?? `test-${width}x${height}-${seconds}s${faststart ? '' : '-moov-end'}.mp4`,
  );
  const fps = 25;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=44100:duration=${seconds}`,
    '-c:v',
    'libx264',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    'veryfast',
    // constant-ish bitrate so "length / duration" is a fair bitrate estimate
    '-b:v',
    `${kbps}k`,
    '-maxrate',
    `${kbps}k`,
    '-bufsize',
    `${kbps * 2}k`,
    // a keyframe every second: seeks land close to where they were asked
    '-g',
    String(fps),
    '-keyint_min',
    String(fps),
    '-sc_threshold',
    '0',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    ...(faststart ? ['-movflags', '+faststart'] : []),
    '-shortest',
    out,
  ];
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { timeout: 120_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`ffmpeg failed: ${err.message} ${stderr}`));
      else resolve(out);
    });
  });
}
