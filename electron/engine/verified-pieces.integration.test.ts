// The record of verified pieces on a real loopback swarm: a restart trusts it while the files are
// unchanged (no re-reading), and distrusts it as soon as a file's time or content changed: the
// pieces are then hashed in the background and a damaged one is never taken as good.
import { mkdtemp, open, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import {
  bytesReadSoFar,
  heldPieces,
  pieceIsGood,
  pieceTruth,
  statsWhen,
  type PieceTruth,
} from './test-support/piece-check.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let film: Buffer;
let truth: PieceTruth;
let engine: Engine | undefined;
const logs: string[] = [];
const dataDir = () => join(dir, 'data');
const onDisk = () => join(dataDir(), 'downloads', seeder.infoHash, 'film.mp4');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-verified-'));
  tracker = await startTracker();
  const path = await makeTestVideo(dir, { seconds: 16, bitrateKbps: 2000, name: 'film.mp4' });
  film = await readFile(path);
  seeder = await startSeeder({ path, announce: [tracker.announceUrl], pieceLength: 64 * 1024 });
  truth = pieceTruth(seeder.torrentBytes);
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

async function restart(): Promise<void> {
  await engine?.close();
  logs.length = 0;
  engine = await createLoopbackEngine(dataDir(), { log: (m) => logs.push(m) });
}

async function waitForLog(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const line = logs.find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > until) throw new Error(`no log line ${pattern}; got ${logs.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('a finished title restarts from its record without reading its data again', async () => {
  await restart();
  const e = engine!;
  const item = await e.handlers['library:add']({
    source: { kind: 'file', name: 'film.torrent', base64: seeder.torrentBytes.toString('base64') },
  });
  const session = await e.handlers['playback:start']({ itemId: item.id });
  const res = await fetch(session.streamUrl ?? '');
  expect(Buffer.from(await res.arrayBuffer()).equals(film)).toBe(true);
  await e.handlers['playback:stop']({ sessionId: session.sessionId });
  await statsWhen(e, item.id, (s) => s.progress === 1);

  const readBefore = await bytesReadSoFar();
  await restart();
  const stats = await statsWhen(engine!, item.id, (s) => s.progress === 1, 10_000);
  const read = (await bytesReadSoFar()) ?? 0;
  expect(stats.status).toBe('seeding');
  expect(await waitForLog(/^resuming /)).toMatch(
    `${truth.hashes.length} pieces from its record, 0 to check`,
  );
  if (readBefore !== undefined) {
    console.log(
      `restart with record read ${read - readBefore} bytes of a ${film.length}-byte film`,
    );
    expect(read - readBefore).toBeLessThan(film.length / 4);
  }
});

it('distrusts the record once the file time changed, and checks it in the background', async () => {
  await engine?.close();
  engine = undefined;
  const later = new Date(Date.now() + 60_000);
  await utimes(onDisk(), later, later);
  await restart();
  expect(await waitForLog(/^resuming /)).toMatch(
    `0 pieces from its record, ${truth.hashes.length} to check`,
  );
  await waitForLog(/^checked /);
  expect(logs.join('\n')).toContain(
    `${truth.hashes.length} of ${truth.hashes.length} pieces are good`,
  );
  await statsWhen(engine!, seeder.infoHash, (s) => s.progress === 1);
});

it('never takes a damaged piece as good, and fetches it again when played', async () => {
  await engine?.close();
  engine = undefined;
  const damaged = 7;
  await new Promise((r) => setTimeout(r, 20)); // a write in a later clock tick than the record's
  const handle = await open(onDisk(), 'r+');
  const at = damaged * truth.pieceLength + 100;
  await handle.write(Buffer.from([(film[at] ?? 0) ^ 0xff]), 0, 1, at);
  await handle.close();

  await restart();
  await waitForLog(/^checked /);
  const others = truth.hashes.length - 1;
  expect(logs.join('\n')).toContain(`${others} of ${truth.hashes.length} pieces are good`);
  const stats = await statsWhen(engine!, seeder.infoHash, (s) => s.progress > 0);
  const held = heldPieces(stats.fileRanges, truth);
  expect(held).not.toContain(damaged);
  expect(held).toHaveLength(others);
  for (const p of held) expect(await pieceIsGood(onDisk(), truth, p)).toBe(true);

  const session = await engine!.handlers['playback:start']({ itemId: seeder.infoHash });
  const res = await fetch(session.streamUrl ?? '');
  expect(Buffer.from(await res.arrayBuffer()).equals(film)).toBe(true);
  await engine!.handlers['playback:stop']({ sessionId: session.sessionId });
  expect(await pieceIsGood(onDisk(), truth, damaged)).toBe(true);
});
