// Interoperability with BitTorrent clients that are not webtorrent, on loopback with our tracker:
// for aria2 (TCP only), Transmission and qBittorrent, the engine downloads from each as the only
// seeder (bytes compared, time to first piece printed) and uploads to each as the only source. The tracker never
// re-announces, so the engine connects out to a seeder and a downloader connects in to the engine.
// The Debian clients are required: .ci/run installs them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import bencode from 'bencode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import {
  CLIENT_TOOLS,
  hasTool,
  startClient,
  type ClientKind,
  type RunningClient,
} from './test-support/bt-clients.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { createNetNamespace, type NetNamespace } from './test-support/net-namespace.js';
import { startTracker } from './test-support/swarm.js';

const KINDS: ClientKind[] = ['aria2', 'transmission', 'qbittorrent'];
// webtorrent alone tries a peer over TCP only after its uTP retries: 41 s from the first attempt
const UTP_RETRIES_BEFORE_TCP_MS = 41_000;

let dir: string;
let video: string;
let source: Buffer;

beforeAll(async () => {
  const missing = [...KINDS.map((k) => CLIENT_TOOLS[k]), 'mktorrent'].filter((t) => !hasTool(t));
  if (missing.length > 0) {
    // a skip would hide a missing install step; say what to install instead
    throw new Error(
      `The interoperability tests need ${missing.join(', ')}: apt-get install aria2 transmission-cli qbittorrent-nox mktorrent`,
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'essaim-interop-'));
  await mkdir(join(dir, 'seed'));
  video = await makeTestVideo(join(dir, 'seed'), { seconds: 12 });
  source = await readFile(video);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function until(test: () => Promise<boolean>, what: string): Promise<void> {
  for (;;) {
    if (await test().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!dir) throw new Error(`gave up waiting for ${what}`);
  }
}

function nextStats(engine: Engine, itemId: string): Promise<{ uploaded: number }> {
  return new Promise((resolve) => {
    const off = engine.on('stats', (stats) => {
      const mine = stats.find((s) => s.itemId === itemId);
      if (mine) {
        off();
        resolve(mine);
      }
    });
  });
}

describe.each(KINDS)('interoperability with %s', (kind) => {
  let tracker: Awaited<ReturnType<typeof startTracker>>;
  let torrentPath: string;
  let torrentBytes: Buffer;
  let infoHash: string;
  let engine: Engine | undefined;
  let itemId = '';
  const clients: RunningClient[] = [];

  // the client's side: Transmission connects to no peer on a loopback address (it counts them as
  // invalid), so it runs in a network namespace and the tracker listens on the engine's side of it
  let ns: NetNamespace | undefined;
  let exec: string[] | undefined;

  beforeAll(async () => {
    if (kind === 'transmission') {
      ns = createNetNamespace();
      exec = ns.exec;
    }
    // no re-announce: the engine connects out to a seeder it learns of on joining, and a
    // downloader that joins later must connect in to the engine
    tracker = await startTracker({ announceIntervalMs: 600_000, host: ns?.hostAddress });
    torrentPath = join(dir, `${kind}.torrent`);
    // mktorrent: an independent implementation writes the .torrent (32 KiB pieces)
    execFileSync('mktorrent', ['-a', tracker.announceUrl, '-l', '15', '-o', torrentPath, video], {
      stdio: 'ignore',
    });
    torrentBytes = await readFile(torrentPath);
    const { info } = bencode.decode(torrentBytes) as { info: unknown };
    infoHash = createHash('sha1').update(bencode.encode(info)).digest('hex');
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    await engine?.close();
    await tracker?.close();
    ns?.destroy();
  });

  it(`downloads from ${kind} as the only seeder`, async () => {
    const seeder = await startClient(kind, 'seed', {
      torrentPath,
      dir: join(dir, 'seed'),
      home: join(dir, `${kind}-seeder`),
      exec,
    });
    clients.push(seeder);
    await until(async () => (await tracker.seeders(infoHash)) > 0, `${kind} to announce`);

    engine = await createLoopbackEngine(join(dir, `${kind}-data`));
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
    const url = session.streamUrl ?? '';
    const first = await fetch(url, { headers: { range: 'bytes=0-0' } });
    expect(Buffer.from(await first.arrayBuffer())[0]).toBe(source[0]);
    const firstMs = performance.now() - started;
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    const wholeMs = performance.now() - started;
    console.log(
      `[measure] from a ${kind} seeder: first piece ${firstMs.toFixed(0)} ms, whole file (${source.length} bytes) ${wholeMs.toFixed(0)} ms`,
    );
    expect(body.equals(source)).toBe(true);
    if (kind === 'aria2') {
      // a TCP-only seeder must be reached without waiting for uTP to give up
      expect(firstMs, 'first piece from a TCP-only seeder').toBeLessThan(
        UTP_RETRIES_BEFORE_TCP_MS / 2,
      );
    }
    // a complete seeder took nothing from us: nothing is counted as shared
    expect((await nextStats(engine, itemId)).uploaded).toBe(0);
    await engine.handlers['playback:stop']({ sessionId: session.sessionId });
    await seeder.stop();
  }, 90_000);

  it(`uploads to ${kind} as the only source`, async () => {
    expect(engine, 'the previous test leaves the engine seeding').toBeDefined();
    if (!engine) return;
    const out = join(dir, `${kind}-out`);
    await mkdir(out);
    const started = performance.now();
    clients.push(
      await startClient(kind, 'download', {
        torrentPath,
        dir: out,
        home: join(dir, `${kind}-dl`),
        exec,
      }),
    );
    const target = join(out, basename(video));
    await until(async () => (await readFile(target)).equals(source), `${kind} to finish`);
    console.log(
      `[measure] to a ${kind} downloader: whole file ${(performance.now() - started).toFixed(0)} ms`,
    );
    const { uploaded } = await nextStats(engine, itemId);
    expect(uploaded).toBeGreaterThanOrEqual(source.length);
  }, 90_000);
});
