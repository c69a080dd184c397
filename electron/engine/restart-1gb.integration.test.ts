// A finished 1 GB title across engine restarts: without a record every start hashes all of it;
// with one, the title is ready and shared at once, having read almost none of it. The film is a
// real MP4 (a short ffmpeg clip looped without re-encoding) in a temp folder, removed afterwards.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { recordPath, resumeDirOf } from './storage/resume-record.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { bytesReadSoFar, statsWhen } from './test-support/piece-check.js';
import { startLeecher, startTracker } from './test-support/swarm.js';
import { checkTorrentBytes } from './torrent/torrent-input.js';

const GIB = 1024 ** 3;
type CreateTorrent = (
  input: string,
  opts: Record<string, unknown>,
  cb: (err: Error | null, torrent: Uint8Array) => void,
) => void;
// the package ships no types; a name in a variable keeps the compiler from looking for them
const CREATE_TORRENT = 'create-torrent';
const createTorrent = ((await import(CREATE_TORRENT)) as { default: CreateTorrent }).default;

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let torrentBytes: Buffer;
let infoHash: string;
let size: number;
const dataDir = () => join(dir, 'data');

/** About 1 GiB of real, playable MP4: a 4 s clip repeated with `-c copy` (no encoding, fast). */
async function makeBigFilm(folder: string): Promise<string> {
  const clip = await makeTestVideo(folder, {
    seconds: 4,
    width: 640,
    height: 360,
    bitrateKbps: 8000,
  });
  const loops = Math.ceil(GIB / (await stat(clip)).size) - 1;
  const out = join(folder, 'film.mp4');
  await promisify(execFile)('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', String(loops)],
    ...['-i', clip, '-c', 'copy', out],
  ]);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-1gb-'));
  tracker = await startTracker();
  await mkdir(join(dir, 'src'));
  const film = await makeBigFilm(join(dir, 'src'));
  size = (await stat(film)).size;
  torrentBytes = Buffer.from(
    await new Promise<Uint8Array>((resolve, reject) =>
      createTorrent(
        film,
        { pieceLength: 1024 * 1024, announceList: [[tracker.announceUrl]] },
        (err, t) => (err ? reject(err) : resolve(t)),
      ),
    ),
  );
  infoHash = checkTorrentBytes(torrentBytes).infoHash;
  // the finished download, where the engine keeps it
  await mkdir(join(dataDir(), 'downloads', infoHash), { recursive: true });
  await rename(film, join(dataDir(), 'downloads', infoHash, 'film.mp4'));
}, 300_000);

afterAll(async () => {
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

interface StartFigures {
  ms: number;
  cpuMs: number;
  readBytes: number | undefined;
}

/** Starts the engine on the data folder and waits until the title is ready and shared. */
async function timedStart(logs: string[]): Promise<{ engine: Engine; figures: StartFigures }> {
  const read0 = await bytesReadSoFar();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const engine = await createLoopbackEngine(dataDir(), { log: (m) => logs.push(m) });
  for (;;) {
    const item = (await engine.handlers['library:list']({})).find((i) => i.id === infoHash);
    if (item?.status === 'seeding') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const read1 = await bytesReadSoFar();
  const readBytes = read0 !== undefined && read1 !== undefined ? read1 - read0 : undefined;
  return { engine, figures: { ms, cpuMs: (cpu.user + cpu.system) / 1000, readBytes } };
}

const show = (label: string, f: StartFigures) =>
  `${label}: ready and sharing in ${f.ms.toFixed(0)} ms, CPU ${f.cpuMs.toFixed(0)} ms, ` +
  `read ${f.readBytes === undefined ? '?' : (f.readBytes / 1024 ** 2).toFixed(1)} MiB`;

it('restarts a finished 1 GB title ready and sharing without reading it again', async () => {
  // first open of the title: its data is on disk and gets verified once
  const first = await createLoopbackEngine(dataDir());
  await first.handlers['library:add']({
    source: { kind: 'file', name: 'film.torrent', base64: torrentBytes.toString('base64') },
  });
  const session = await first.handlers['playback:start']({ itemId: infoHash });
  await statsWhen(first, infoHash, (s) => s.progress === 1, 240_000);
  await first.handlers['playback:stop']({ sessionId: session.sessionId });
  await first.close();

  // before: a start with no record hashes the whole film
  await rm(recordPath(resumeDirOf(dataDir()), infoHash), { force: true });
  const before = await timedStart([]);
  await before.engine.close();

  // after: the record written at close is trusted
  const logs: string[] = [];
  const after = await timedStart(logs);
  const engine = after.engine;
  try {
    console.log(`${(size / GIB).toFixed(2)} GiB title, ${Math.ceil(size / 1024 ** 2)} pieces`);
    console.log(show('without a record', before.figures));
    console.log(show('with a record   ', after.figures));
    const pieces = Math.ceil(size / (1024 * 1024));
    expect(logs.find((l) => l.startsWith('resuming '))).toContain(
      `${pieces} pieces from its record, 0 to check`,
    );
    const stats = await statsWhen(engine, infoHash, () => true);
    expect(stats.progress).toBe(1);
    if (before.figures.readBytes !== undefined && after.figures.readBytes !== undefined) {
      expect(before.figures.readBytes).toBeGreaterThan(size * 0.9);
      expect(after.figures.readBytes).toBeLessThan(size / 100);
    }

    // and it shares: a fresh peer gets data from it
    const leecher = await startLeecher({
      torrentPath: await writeTorrent(),
      announce: [tracker.announceUrl],
      dir: join(dir, 'leecher'),
    });
    try {
      let got = 0;
      for (let i = 0; i < 600 && got === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        got = await leecher.downloadedBytes();
      }
      expect(got).toBeGreaterThan(0);
    } finally {
      await leecher.close();
    }
  } finally {
    await engine.close();
  }
}, 600_000);

async function writeTorrent(): Promise<string> {
  const path = join(dir, 'film.torrent');
  await writeFile(path, torrentBytes);
  return path;
}
