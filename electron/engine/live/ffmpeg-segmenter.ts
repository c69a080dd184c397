// Runs ffmpeg to cut the input into short H.264/AAC MPEG-TS segments (a keyframe at every segment
// start, so each one plays on its own) and reports each finished segment once. It writes only in
// the work folder it is given and stops ffmpeg when closed.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface SegmenterOptions {
  input: string;
  workDir: string;
  segmentSeconds: number;
  loop: boolean;
  videoKbps: number;
  ffmpeg?: string;
  log: (message: string) => void;
}

/** Emits 'segment' ({ data, dur }) in order, 'exit' (code, stderr tail). */
export class FfmpegSegmenter extends EventEmitter {
  private readonly child: ChildProcess;
  private readonly seen = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private stderr = '';
  private reading = false;

  constructor(private readonly opts: SegmenterOptions) {
    super();
    const isFile = existsSync(opts.input);
    const g = opts.segmentSeconds;
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      // a file is read at its own pace, as if it were live; a live source paces itself
      ...(isFile ? ['-re'] : []),
      ...(isFile && opts.loop ? ['-stream_loop', '-1'] : []),
      '-i',
      opts.input,
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      `${opts.videoKbps}k`,
      '-maxrate',
      `${opts.videoKbps}k`,
      '-bufsize',
      `${opts.videoKbps * 2}k`,
      '-force_key_frames',
      `expr:gte(t,n_forced*${g})`,
      '-sc_threshold',
      '0',
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      '-ac',
      '2',
      '-ar',
      '44100',
      '-f',
      'hls',
      '-hls_time',
      String(g),
      '-hls_list_size',
      '8',
      '-hls_flags',
      'delete_segments+temp_file+independent_segments',
      '-hls_segment_type',
      'mpegts',
      '-hls_segment_filename',
      join(opts.workDir, 'seg%06d.ts'),
      join(opts.workDir, 'live.m3u8'),
    ];
    this.child = spawn(opts.ffmpeg ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-2000);
    });
    this.child.on('error', (err) =>
      this.emit('exit', -1, `ffmpeg could not start: ${err.message}`),
    );
    this.child.on('exit', (code) => {
      clearInterval(this.timer);
      this.emit('exit', code ?? -1, this.stderr.trim());
    });
    this.timer = setInterval(() => void this.scan(), 200);
  }

  close(): void {
    clearInterval(this.timer);
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }

  private async scan(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const text = await readFile(join(this.opts.workDir, 'live.m3u8'), 'utf8').catch(() => '');
      let dur = 0;
      for (const line of text.split('\n')) {
        const inf = /^#EXTINF:([\d.]+)/.exec(line);
        if (inf) dur = Number(inf[1]);
        else if (/^seg\d+\.ts$/.test(line.trim()) && !this.seen.has(line.trim())) {
          const name = line.trim();
          this.seen.add(name);
          const data = await readFile(join(this.opts.workDir, name)).catch(() => undefined);
          if (data && data.length > 0 && dur > 0) this.emit('segment', { data, dur });
        }
      }
    } finally {
      this.reading = false;
    }
  }

  static async clean(workDir: string): Promise<void> {
    await rm(workDir, { recursive: true, force: true });
  }
}
