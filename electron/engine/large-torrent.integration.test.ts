// A torrent of 10,000 tiny files (a season pack, an archive) on a real loopback swarm: the stats
// tick must not copy the library or send file lists, whatever the torrent's size. It measures the
// mechanism (bytes of events and file entries copied per tick), never the time; times are printed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { EventName } from '../../shared/api.js';
import type { LibraryItem } from '../../shared/domain.js';
import { applyLibraryChanges } from '../../shared/library-changes.js';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { manyFileName, writeManyFiles } from './test-support/many-files.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

const FILES = 10_000;
const STATS_INTERVAL_MS = 500;

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let engine: Engine;
/** the engine's stats tick, taken from its timer so the test runs it at will */
let tick: () => void;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-large-'));
  const made = performance.now();
  await writeManyFiles(join(dir, 'Season Pack'), FILES);
  tracker = await startTracker();
  seeder = await startSeeder({
    path: join(dir, 'Season Pack'),
    announce: [tracker.announceUrl],
    pieceLength: 16 * 1024,
  });
  // the engine already has every file but the last, as after an interrupted download: it verifies
  // them at start, and playing the last file fetches the one piece missing
  const have = join(dir, 'data', 'downloads', seeder.infoHash, 'Season Pack');
  await writeManyFiles(have, FILES);
  await rm(join(have, manyFileName(FILES - 1, FILES)));
  console.log(
    `[measure] ${FILES} files written and seeded in ${(performance.now() - made).toFixed(0)} ms`,
  );

  const realSetInterval = globalThis.setInterval;
  const timers: { run: () => void; ms: number | undefined; handle: NodeJS.Timeout }[] = [];
  const spy = vi.spyOn(globalThis, 'setInterval').mockImplementation(((
    run: () => void,
    ms?: number,
  ) => {
    const handle = realSetInterval(run, ms);
    timers.push({ run, ms, handle });
    return handle;
  }) as typeof setInterval);
  try {
    engine = await createLoopbackEngine(join(dir, 'data'));
  } finally {
    spy.mockRestore();
  }
  const stats = timers.filter((t) => t.ms === STATS_INTERVAL_MS);
  expect(stats, 'the engine has one stats timer').toHaveLength(1);
  clearInterval(stats[0]!.handle);
  tick = stats[0]!.run;
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

interface TickFigures {
  eventBytes: number;
  filesInEvents: number;
  filesCopied: number;
  ms: number;
}

/** Counts the file entries of every value the engine deep-copies (its store copies that way). */
function countCopies(): { taken(): number; stop(): void } {
  const real = globalThis.structuredClone;
  let files = 0;
  const filesOf = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + filesOf(v), 0);
    const list = (value as { files?: unknown } | null)?.files;
    return Array.isArray(list) ? list.length : 0;
  };
  const spy = vi.spyOn(globalThis, 'structuredClone').mockImplementation((value, options) => {
    files += filesOf(value);
    return real(value, options);
  });
  return {
    taken: () => {
      const n = files;
      files = 0;
      return n;
    },
    stop: () => spy.mockRestore(),
  };
}

it('keeps each stats tick small with 10,000 files, and the library stays complete', async () => {
  const sent: { name: EventName; bytes: number; files: number }[] = [];
  const names: EventName[] = ['stats', 'library', 'session', 'notice'];
  for (const name of names) {
    engine.on(name, (payload) => {
      const text = JSON.stringify(payload);
      sent.push({ name, bytes: text.length, files: text.split('"playable"').length - 1 });
    });
  }

  // what a window sees: the snapshot it starts from, then every change the engine sends
  let windowCopy: LibraryItem[] = await engine.handlers['library:list']({});
  engine.on('library', (changes) => (windowCopy = applyLibraryChanges(windowCopy, changes)));

  const item = await engine.handlers['library:add']({
    source: { kind: 'file', name: 'pack.torrent', base64: seeder.torrentBytes.toString('base64') },
  });
  expect(item.files).toHaveLength(FILES);
  const last = FILES - 1;
  const session = await engine.handlers['playback:start']({ itemId: item.id, fileIndex: last });
  expect(session.fileIndex).toBe(last);

  const copies = countCopies();
  const ticks: TickFigures[] = [];
  const runTick = async (): Promise<void> => {
    sent.length = 0;
    copies.taken();
    const started = performance.now();
    tick();
    const ms = performance.now() - started;
    // anything the tick queued for later goes out before the next one
    await new Promise((resolve) => setImmediate(resolve));
    ticks.push({
      eventBytes: sent.reduce((n, e) => n + e.bytes, 0),
      filesInEvents: sent.reduce((n, e) => n + e.files, 0),
      filesCopied: copies.taken(),
      ms,
    });
  };
  try {
    // the whole download happens under these ticks: metadata, verifying, fetching, complete
    const deadline = Date.now() + 90_000;
    let done = false;
    let lastStats: { progress: number; status: string } | undefined;
    const offStats = engine.on('stats', (list) => {
      lastStats = list.find((s) => s.itemId === item.id);
    });
    while (!done && Date.now() < deadline) {
      await runTick();
      await new Promise((resolve) => setTimeout(resolve, 50));
      done = lastStats?.progress === 1 && lastStats.status === 'seeding';
    }
    offStats();
    expect(done, 'the 10,000 files downloaded').toBe(true);
    // two more saves of the figures into the library, the first with the new status
    for (let i = 0; i < 20; i++) await runTick();
  } finally {
    copies.stop();
  }

  const worst = ticks.reduce((a, b) => (b.eventBytes > a.eventBytes ? b : a));
  const mean = (key: keyof TickFigures) => ticks.reduce((n, t) => n + t[key], 0) / ticks.length;
  const sortedMs = ticks.map((t) => t.ms).sort((a, b) => a - b);
  console.log(
    `[measure] ${ticks.length} stats ticks with ${FILES} files: event bytes per tick mean ${mean('eventBytes').toFixed(0)}, max ${worst.eventBytes}; ` +
      `file entries copied per tick mean ${mean('filesCopied').toFixed(0)}; ` +
      `tick time median ${sortedMs[Math.floor(sortedMs.length / 2)]?.toFixed(2)} ms, max ${sortedMs.at(-1)?.toFixed(2)} ms`,
  );

  // no file list crosses to the window on a tick, and no tick copies one
  expect(ticks.map((t) => t.filesInEvents).filter((n) => n > 0)).toEqual([]);
  expect(worst.eventBytes).toBeLessThan(8 * 1024);
  expect(ticks.map((t) => t.filesCopied).filter((n) => n > 0)).toEqual([]);

  // the library itself is whole: every file, in order, with the figures saved
  const [listed] = await engine.handlers['library:list']({});
  expect(listed?.files).toHaveLength(FILES);
  expect(listed?.files.map((f) => f.path)).toEqual(
    Array.from({ length: FILES }, (_, i) => `Season Pack/${manyFileName(i, FILES)}`),
  );
  expect(listed?.progress).toBe(1);
  expect(listed?.status).toBe('seeding');
  expect(listed?.fileIndex).toBe(last);
  // and the window, kept up to date by changes alone, holds exactly the same
  expect(windowCopy).toEqual(await engine.handlers['library:list']({}));
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
}, 150_000);
