// Killed without warning (SIGKILL) at random moments while downloading, the engine never comes
// back believing in a piece it does not truly hold: every piece its record claims, and every piece
// it reports after a restart, matches the torrent's hash on disk. Real peers on loopback.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readRecord, recordBitfield, resumeDirOf } from './storage/resume-record.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import {
  heldPieces,
  pieceIsGood,
  pieceTruth,
  statsWhen,
  type PieceTruth,
} from './test-support/piece-check.js';
import { startSeeder, startTracker } from './test-support/swarm.js';
import { bitGet } from './torrent/resume-plan.js';

const ROUNDS = 3;
const CHILD = fileURLToPath(new URL('./test-support/engine-child.ts', import.meta.url));

let dir: string;
let source: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let torrentBytes: Buffer;
let infoHash: string;
let truth: PieceTruth;
let child: ChildProcess | undefined;
const dataDir = () => join(dir, 'data');
const onDisk = () => join(dataDir(), 'downloads', infoHash, 'film.mp4');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-kill-'));
  tracker = await startTracker();
  source = await makeTestVideo(dir, { seconds: 30, bitrateKbps: 2000, name: 'film.mp4' });
  const seeder = await startSeeder({
    path: source,
    announce: [tracker.announceUrl],
    pieceLength: 32 * 1024,
  });
  torrentBytes = seeder.torrentBytes;
  infoHash = seeder.infoHash;
  truth = pieceTruth(torrentBytes);
  await seeder.close();
}, 120_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the engine in a child that downloads at a capped speed, and kills it after `afterMs`. */
async function downloadThenKill(afterMs: number): Promise<void> {
  const running = fork(
    CHILD,
    [
      JSON.stringify({
        dataDir: dataDir(),
        torrentBase64: torrentBytes.toString('base64'),
        downloadLimitKiBps: 256,
      }),
    ],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  child = running;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    running.once('message', () => resolve());
    running.once('exit', (code) => reject(new Error(`engine child exited early (${code})`)));
  });
  await new Promise((r) => setTimeout(r, afterMs));
  running.kill('SIGKILL');
  await exited;
  child = undefined;
}

async function goodPieces(pieces: number[]): Promise<number[]> {
  const bad: number[] = [];
  for (const p of pieces) if (!(await pieceIsGood(onDisk(), truth, p))) bad.push(p);
  return bad;
}

it('after a kill -9 at a random moment, no piece is ever claimed that is not truly on disk', async () => {
  let lastHeld = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const seeder = await startSeeder({
      path: source,
      announce: [tracker.announceUrl],
      pieceLength: 32 * 1024,
    });
    const killAfter = 300 + Math.floor(Math.random() * 5_000);
    await downloadThenKill(killAfter);
    await seeder.close(); // the restart below must show what is on disk, not fetch more

    // what the record says right after the kill
    const record = await readRecord(resumeDirOf(dataDir()), infoHash);
    const bits = record && recordBitfield(record);
    const recorded = truth.hashes.map((_, p) => p).filter((p) => bits && bitGet(bits, p));
    expect(await goodPieces(recorded)).toEqual([]);

    // what a restarted engine reports holding, once it has checked what it could not trust
    const logs: string[] = [];
    const engine = await createLoopbackEngine(dataDir(), { log: (m) => logs.push(m) });
    try {
      const listed = await engine.handlers['library:list']({});
      if (!listed.some((i) => i.id === infoHash)) {
        await engine.handlers['library:add']({
          source: { kind: 'file', name: 'film.torrent', base64: torrentBytes.toString('base64') },
        });
      }
      const session = await engine.handlers['playback:start']({ itemId: infoHash });
      await statsWhen(engine, infoHash, (s) => s.status !== 'fetching-metadata');
      const resuming = logs.find((l) => l.startsWith('resuming ')) ?? 'no record';
      if (!/ 0 to check|all to check|no record/.test(resuming)) {
        for (let i = 0; i < 600 && !logs.some((l) => l.startsWith('checked ')); i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const stats = await statsWhen(engine, infoHash, () => true);
      const held = heldPieces(stats.fileRanges, truth);
      console.log(
        `round ${round}: killed after ${killAfter} ms; record claimed ${recorded.length} pieces, ` +
          `restart holds ${held.length} of ${truth.hashes.length} (${resuming})`,
      );
      expect(await goodPieces(held)).toEqual([]);
      // nothing verified before a kill is lost from one round to the next
      expect(held.length).toBeGreaterThanOrEqual(lastHeld);
      lastHeld = held.length;
      await engine.handlers['playback:stop']({ sessionId: session.sessionId });
    } finally {
      await engine.close();
    }
  }
  const film = await readFile(source);
  expect(lastHeld).toBeGreaterThan(0);
  expect(film.length).toBe(truth.length);
}, 180_000);
