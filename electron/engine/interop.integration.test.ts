// Interoperability with BitTorrent clients that are not webtorrent, on loopback with our tracker:
// Transmission seeds and the engine downloads (bytes compared); then the engine seeds and aria2
// downloads from it (bytes compared). The Debian clients are required: .ci/run installs them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startTracker } from './test-support/swarm.js';

const has = (tool: string): boolean => {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const tools = has('transmission-cli') && has('aria2c') && has('mktorrent');

let dir: string;
let video: string;
let source: Buffer;
let torrentBytes: Buffer;
let torrentPath: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let engine: Engine | undefined;
let itemId = '';
const processes = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore' });
  processes.add(child);
  child.once('exit', () => processes.delete(child));
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

process.once('exit', () => processes.forEach((p) => p.kill('SIGKILL')));

beforeAll(async () => {
  if (!tools) {
    // a skip would hide a missing install step; say what to install instead
    throw new Error(
      'The interoperability tests need transmission-cli, aria2c and mktorrent: apt-get install transmission-cli aria2 mktorrent',
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'essaim-interop-'));
  await mkdir(join(dir, 'seed'));
  video = await makeTestVideo(join(dir, 'seed'), { seconds: 12 });
  source = await readFile(video);
  tracker = await startTracker();
  torrentPath = join(dir, 'film.torrent');
  // mktorrent: an independent implementation writes the .torrent (32 KiB pieces)
  execFileSync('mktorrent', ['-a', tracker.announceUrl, '-l', '15', '-o', torrentPath, video], {
    stdio: 'ignore',
  });
  torrentBytes = await readFile(torrentPath);
}, 120_000);

afterAll(async () => {
  await Promise.all([...processes].map(stop));
  await engine?.close();
  await tracker?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('interoperability with Debian BitTorrent clients', () => {
  it('downloads from a Transmission seeder', async () => {
    const config = join(dir, 'transmission');
    await mkdir(config);
    // closed network: no DHT, local discovery or peer exchange; encryption tolerated, not required
    await writeFile(
      join(config, 'settings.json'),
      JSON.stringify({
        'dht-enabled': false,
        'lpd-enabled': false,
        'pex-enabled': false,
        'utp-enabled': true,
        encryption: 0,
      }),
    );
    const port = await freePort();
    const transmission = run('transmission-cli', [
      '-g',
      config,
      '-w',
      join(dir, 'seed'),
      '-p',
      String(port),
      '-M',
      '-et',
      torrentPath,
    ]);

    engine = await createLoopbackEngine(join(dir, 'data'));
    const started = performance.now();
    const item = await engine.handlers['library:add']({
      source: {
        kind: 'file',
        name: basename(torrentPath),
        base64: torrentBytes.toString('base64'),
      },
    });
    itemId = item.id;
    const session = await engine.handlers['playback:start']({ itemId });
    const res = await fetch(session.streamUrl ?? '');
    const body = Buffer.from(await res.arrayBuffer());
    console.log(
      `[measure] whole file from Transmission in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(body.equals(source)).toBe(true);
    await engine.handlers['playback:stop']({ sessionId: session.sessionId });
    await stop(transmission);
  }, 90_000);

  it('uploads to an aria2 downloader', async () => {
    expect(engine, 'the previous test leaves the engine seeding').toBeDefined();
    if (!engine) return;
    const out = join(dir, 'aria2');
    await mkdir(out);
    const port = await freePort();
    const aria2 = run('aria2c', [
      '-d',
      out,
      '--seed-time=0',
      '--enable-dht=false',
      '--enable-dht6=false',
      '--bt-enable-lpd=false',
      '--enable-peer-exchange=false',
      `--listen-port=${port}`,
      '--bt-require-crypto=false',
      '--follow-torrent=false',
      '--console-log-level=error',
      '--summary-interval=0',
      torrentPath,
    ]);
    const code = await new Promise<number | null>((resolve) => aria2.once('exit', resolve));
    expect(code).toBe(0);
    const got = await readFile(join(out, basename(video)));
    expect(got.equals(source)).toBe(true);
    const uploaded = await new Promise<number>((resolve) => {
      const off = engine?.on('stats', (stats) => {
        const mine = stats.find((s) => s.itemId === itemId);
        if (mine) {
          off?.();
          resolve(mine.uploaded);
        }
      });
    });
    expect(uploaded).toBeGreaterThanOrEqual(source.length);
  }, 90_000);
});
