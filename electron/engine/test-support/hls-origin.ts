// A real HLS live stream for tests: ffmpeg makes a test picture with sound, paced in real time,
// into short segments in a temp folder (old ones deleted), served by a plain HTTP server on
// loopback with a master playlist that names it. Never committed media; never serves outside the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';

export interface HlsOrigin {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** the master playlist (a relative variant and an absolute one) */
  masterUrl: string;
  /** the media playlist ffmpeg writes */
  mediaUrl: string;
  /** the folder served: a test may drop a guide.xml in it */
  folder: string;
  /** how many requests each file name got */
  hits: Map<string, number>;
  /** stop answering (503) without stopping ffmpeg: a channel going offline */
  setOffline(offline: boolean): void;
  stop(): Promise<void>;
}

export async function startHlsOrigin(dir: string): Promise<HlsOrigin> {
  const out = join(dir, 'hls');
  await mkdir(out, { recursive: true });
  const ffmpeg = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x180:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=44100',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '25',
      '-keyint_min',
      '25',
      '-sc_threshold',
      '0',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-f',
      'hls',
      '-hls_time',
      '1',
      '-hls_list_size',
      '5',
      '-hls_flags',
      'delete_segments+temp_file',
      join(out, 'index.m3u8'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  ffmpeg.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const hits = new Map<string, number>();
  let offline = false;
  const server = createServer((req, res) => {
    const name = basename((req.url ?? '').split('?', 1)[0] ?? '');
    hits.set(name, (hits.get(name) ?? 0) + 1);
    const file = join(out, name);
    if (offline || !/^[\w.-]+\.(m3u8|ts|xml)$/.test(name) || !existsSync(file)) {
      res.statusCode = offline ? 503 : 404;
      res.end();
      return;
    }
    const ext = name.split('.').pop() ?? '';
    res.setHeader(
      'Content-Type',
      { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t' }[ext] ?? 'application/xml',
    );
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await writeFile(
    join(out, 'master.m3u8'),
    [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=320x180,CODECS="avc1.42c00d,mp4a.40.2"',
      'index.m3u8',
    ].join('\n'),
  );
  await waitForSegments(out, ffmpeg, () => stderr);
  return {
    origin,
    masterUrl: `${origin}/master.m3u8`,
    mediaUrl: `${origin}/index.m3u8`,
    folder: out,
    hits,
    setOffline: (value) => {
      offline = value;
    },
    stop: () => stopAll(ffmpeg, server),
  };
}

async function waitForSegments(out: string, ffmpeg: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 60_000;
  while (!existsSync(join(out, 'index.m3u8'))) {
    if (ffmpeg.exitCode !== null) throw new Error(`ffmpeg stopped: ${stderr()}`);
    if (Date.now() > deadline) throw new Error('ffmpeg made no playlist within a minute');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopAll(ffmpeg: ChildProcess, server: Server): Promise<void> {
  if (ffmpeg.exitCode === null) {
    const exited = new Promise((r) => ffmpeg.once('exit', r));
    ffmpeg.kill('SIGTERM');
    await exited;
  }
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
