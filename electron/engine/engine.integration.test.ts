// The engine against a real loopback swarm: a tracker and a webtorrent seeder in their own
// processes, an ffmpeg-made MP4, real HTTP range requests, a restart on the same data folder,
// and the failures a user meets (a broken .torrent, a missing download folder, a full disk).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '../../shared/errors.js';
import type { LibraryItemUpdate } from '../../shared/library-changes.js';
import type { Engine, EngineOptions } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let video: string;
let source: Buffer;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
const engines: Engine[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-engine-'));
  await mkdir(join(dir, 'media'));
  // moov at the end, as in many real files: the engine must fetch it before the media
  video = await makeTestVideo(join(dir, 'media'), { seconds: 20, faststart: false });
  source = await readFile(video);
  tracker = await startTracker();
  seeder = await startSeeder({
    path: video,
    announce: [tracker.announceUrl],
    pieceLength: 16 * 1024,
  });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(engines.splice(0).map((e) => e.close()));
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

async function engineOn(dataDir: string, extra: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await createLoopbackEngine(dataDir, extra);
  engines.push(engine);
  return engine;
}

async function closeEngine(engine: Engine): Promise<void> {
  engines.splice(engines.indexOf(engine), 1);
  await engine.close();
}

async function range(
  url: string,
  header?: string,
): Promise<{ status: number; body: Buffer; contentRange: string | null }> {
  const res = await fetch(url, header ? { headers: { range: header } } : {});
  return {
    status: res.status,
    body: Buffer.from(await res.arrayBuffer()),
    contentRange: res.headers.get('content-range'),
  };
}

/** Waits for a library change event in which the item passes `test` (file list not included). */
function waitForItem(
  engine: Engine,
  itemId: string,
  test: (item: LibraryItemUpdate) => boolean,
): Promise<LibraryItemUpdate> {
  return new Promise((resolve) => {
    const off = engine.on('library', (changes) => {
      const item = [...changes.items, ...changes.updated].find((i) => i.id === itemId);
      if (item && test(item)) {
        off();
        resolve(item);
      }
    });
  });
}

describe('engine on a loopback swarm', () => {
  it('streams exact bytes from a magnet, then restarts without fetching them again', async () => {
    const dataDir = join(dir, 'data-main');
    let engine = await engineOn(dataDir);
    const started = performance.now();
    const item = await engine.handlers['library:add']({
      source: { kind: 'magnet', uri: seeder.magnet },
    });
    expect(item.id).toBe(seeder.infoHash);
    const session = await engine.handlers['playback:start']({ itemId: item.id });
    const url = session.streamUrl ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\/stream\//);

    // asked before the metadata is known: the server waits instead of answering 404
    const first = await range(url, 'bytes=0-0');
    const firstByteMs = performance.now() - started;
    expect(first.status).toBe(206);
    expect(first.body.equals(source.subarray(0, 1))).toBe(true);

    const len = source.length;
    const cases: [string, number, number][] = [
      [`bytes=${len - 150_000}-${len - 100_001}`, len - 150_000, len - 100_001], // a seek far ahead
      ['bytes=1000-70999', 1000, 70_999],
      [`bytes=${len - 1}-`, len - 1, len - 1],
      ['bytes=-100', len - 100, len - 1],
      [`bytes=${Math.floor(len / 2)}-`, Math.floor(len / 2), len - 1],
    ];
    for (const [header, start, end] of cases) {
      const res = await range(url, header);
      expect(res.status, header).toBe(206);
      expect(res.contentRange).toBe(`bytes ${start}-${end}/${len}`);
      expect(res.body.equals(source.subarray(start, end + 1)), header).toBe(true);
    }
    const whole = await range(url);
    expect(whole.status).toBe(200);
    expect(whole.body.equals(source)).toBe(true);
    console.log(
      `[measure] magnet add -> first byte ${firstByteMs.toFixed(0)} ms; whole file ${(performance.now() - started).toFixed(0)} ms`,
    );

    await engine.handlers['playback:progress']({
      sessionId: session.sessionId,
      positionSeconds: 12.5,
      durationSeconds: 20,
    });
    await engine.handlers['playback:stop']({ sessionId: session.sessionId });
    await closeEngine(engine);
    const uploadedBefore = await seeder.uploadedBytes();
    expect(uploadedBefore).toBeGreaterThanOrEqual(len);

    engine = await engineOn(dataDir);
    const [restored] = await engine.handlers['library:list']({});
    expect(restored?.id).toBe(item.id);
    expect(restored?.positionSeconds).toBe(12.5);
    expect(restored?.progress).toBe(1);
    const again = await engine.handlers['playback:start']({ itemId: item.id });
    expect(again.resumeAtSeconds).toBe(12.5);
    const replay = await range(again.streamUrl ?? '');
    expect(replay.body.equals(source)).toBe(true);
    // every byte came from the verified data on disk: the seeder gave not even one more piece
    // (its counter may still move by the few bytes of a request answered while the first run closed)
    expect(await seeder.uploadedBytes()).toBeLessThan(uploadedBefore + 16 * 1024);
    await closeEngine(engine);
  });

  it('plays from a .torrent file and reports add -> ready', async () => {
    const engine = await engineOn(join(dir, 'data-file'));
    const started = performance.now();
    const item = await engine.handlers['library:add']({
      source: {
        kind: 'file',
        name: 'film.torrent',
        base64: seeder.torrentBytes.toString('base64'),
      },
    });
    expect(item.files.map((f) => f.playable)).toEqual([true]);
    expect(item.fileIndex).toBe(0);
    const session = await engine.handlers['playback:start']({ itemId: item.id });
    const ready = await new Promise<number>((resolve) => {
      const off = engine.on('session', (s) => {
        if (s.sessionId === session.sessionId && s.streamUrl && s.fileName) {
          off();
          resolve(performance.now() - started);
        }
      });
    });
    const res = await range(session.streamUrl ?? '', 'bytes=0-65535');
    const firstMs = performance.now() - started;
    expect(res.body.equals(source.subarray(0, 65_536))).toBe(true);
    console.log(
      `[measure] .torrent add -> ready ${ready.toFixed(0)} ms, -> first 64 KiB ${firstMs.toFixed(0)} ms`,
    );
    await closeEngine(engine);
  });

  it('sends a title added from a .torrent to the window with its file list once, not again', async () => {
    const engine = await engineOn(join(dir, 'data-file-once'));
    const wholeSent: string[] = [];
    engine.on('library', (changes) => wholeSent.push(...changes.items.map((i) => i.id)));
    const item = await engine.handlers['library:add']({
      source: {
        kind: 'file',
        name: 'film.torrent',
        base64: seeder.torrentBytes.toString('base64'),
      },
    });
    const session = await engine.handlers['playback:start']({ itemId: item.id });
    await new Promise<void>((resolve) => {
      const off = engine.on('session', (s) => {
        if (s.sessionId === session.sessionId && s.streamUrl) {
          off();
          resolve();
        }
      });
    });
    // its metadata is in, and the figures are saved on the next stats ticks
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const times = wholeSent.filter((id) => id === item.id).length;
    expect(times, 'times the whole title, file list included, went to the window').toBe(1);
    await closeEngine(engine);
  });

  it('refuses a broken .torrent with a coded error and keeps working', async () => {
    const engine = await engineOn(join(dir, 'data-bad'));
    const attempt = engine.handlers['library:add']({
      source: {
        kind: 'file',
        name: 'bad.torrent',
        base64: Buffer.from('d4:infod6:lengthi-5eee').toString('base64'),
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(CodedError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-torrent' });
    await expect(
      engine.handlers['playback:start']({ itemId: 'f'.repeat(40) }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await engine.handlers['library:list']({})).toEqual([]);
    expect((await engine.handlers['settings:get']({})).maxConnections).toBeGreaterThan(0);
    await closeEngine(engine);
  });

  it('says so plainly when the download folder is not a folder, and lives on', async () => {
    const notAFolder = join(dir, 'not-a-folder');
    await writeFile(notAFolder, 'x');
    const engine = await engineOn(join(dir, 'data-missing'), {
      downloadDir: join(notAFolder, 'downloads'),
    });
    const item = await engine.handlers['library:add']({
      source: {
        kind: 'file',
        name: 'film.torrent',
        base64: seeder.torrentBytes.toString('base64'),
      },
    });
    const attempt = engine.handlers['playback:start']({ itemId: item.id });
    await expect(attempt).rejects.toMatchObject({ code: 'download-folder-missing' });
    const [listed] = await engine.handlers['library:list']({});
    expect(listed?.status).toBe('error');
    expect(listed?.errorMessage).toMatch(/download folder/i);
    expect(await engine.handlers['settings:get']({})).toBeDefined();
    await closeEngine(engine);
  });

  it('stops with "disk full" on a tiny disk, keeps the process alive, and can retry', async (ctx) => {
    const small = join(dir, 'small-disk');
    await mkdir(small);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small], {
        stdio: 'ignore',
      });
    } catch {
      ctx.skip(); // needs root to mount a tiny disk; the folder case above still runs
    }
    try {
      const engine = await engineOn(join(dir, 'data-full'), { downloadDir: small });
      const item = await engine.handlers['library:add']({
        source: {
          kind: 'file',
          name: 'film.torrent',
          base64: seeder.torrentBytes.toString('base64'),
        },
      });
      const failed = waitForItem(engine, item.id, (i) => i.status === 'error');
      const session = await engine.handlers['playback:start']({ itemId: item.id });
      // reading the whole file forces writes past 256 KiB
      await fetch(session.streamUrl ?? '')
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      const errored = await failed;
      expect(errored.errorMessage).toMatch(/disk is full/i);
      expect((await engine.handlers['library:list']({}))[0]?.status).toBe('error');
      // playing again is the retry: it starts a fresh torrent instead of throwing
      const retry = await engine.handlers['playback:start']({ itemId: item.id });
      expect(retry.sessionId).not.toBe(session.sessionId);
      await closeEngine(engine);
    } finally {
      execFileSync('umount', ['-l', small], { stdio: 'ignore' });
    }
  });
});
