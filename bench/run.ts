// Benchmark on a loopback swarm: time to first byte, time to first frame in Chromium, and seek
// latency, for this engine and for webtorrent's default HTTP server on the same swarm.
// It measures and records; it never passes or fails. Usage: npm run bench [-- --runs N]
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium.js';
import { makeTestVideo } from '../electron/engine/test-support/media.js';
import { startSeeder, startTracker } from '../electron/engine/test-support/swarm.js';
import { measureSeek, waitFirstFrame } from './page-probe.js';
import { launchRemote } from './remote-player.js';
import { median, formatTable, type Sample } from './stats.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const SEEDERS = 3;
/** each seeder's upload cap: 1 MB/s (8 Mbit/s), a home connection's upload */
const SEEDER_UPLOAD_BYTES_PER_SECOND = 1_000_000;

function timeToFirstByte(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Range: 'bytes=0-' } }, (res) => {
      res.once('data', () => {
        resolve(performance.now() - started);
        res.destroy();
      });
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}

/**
 * The film: 120 s of 720p H.264 at ~3 Mbit/s with its index at the end (moov last, the harder
 * case). Kept in the temp folder between runs, since making it takes longer than a run.
 */
async function benchFilm(work: string): Promise<string> {
  const cached = join(tmpdir(), 'essaim-bench-film-120s-720p-3000k-moov-last.mp4');
  if (
    await stat(cached).then(
      (s) => s.size > 0,
      () => false,
    )
  )
    return cached;
  console.error('Making a 120 s 720p film with its index at the end (moov last)…');
  const made = await makeTestVideo(work, {
    seconds: 120,
    width: 1280,
    height: 720,
    bitrateKbps: 3000,
    faststart: false,
    name: 'bench-film.mp4',
  });
  await copyFile(made, cached);
  return cached;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'essaim-bench-swarm-'));
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const film = await benchFilm(work);
    const tracker = await startTracker();
    cleanups.push(() => tracker.close());
    const seeders = [];
    for (let i = 0; i < SEEDERS; i += 1) {
      const seeder = await startSeeder({
        path: film,
        announce: [tracker.announceUrl],
        uploadLimitBytesPerSecond: SEEDER_UPLOAD_BYTES_PER_SECOND,
      });
      cleanups.push(() => seeder.close());
      seeders.push(seeder);
    }
    const torrentBytes = await readFile(seeders[0]!.torrentPath);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());

    const contenders = ['essaim', 'webtorrent-default-server'];
    const samples: Sample[] = [];
    for (let run = 1; run <= runs; run += 1) {
      for (const contender of contenders) {
        // first byte: a cold program of its own, so it is not helped by the frame run
        const forBytes = await launchRemote(contender);
        const a0 = performance.now();
        const byteUrl = await forBytes.play(torrentBytes);
        const ttfb = performance.now() - a0 + (await timeToFirstByte(byteUrl));
        await forBytes.close();

        const page = await browser.newPage();
        const player = await launchRemote(contender);
        let ttff = Number.NaN;
        let seek = Number.NaN;
        let error: string | undefined;
        try {
          const b0 = performance.now();
          const url = await player.play(torrentBytes);
          await waitFirstFrame(page, url, 60_000);
          ttff = performance.now() - b0;
          await page.waitForTimeout(1500);
          seek = await measureSeek(page, 0.6, 60_000);
        } catch (e) {
          error = e instanceof Error ? e.message.split('\n')[0] : String(e);
        }
        const rssMiB = await player.peakRssMiB().catch(() => Number.NaN);
        await page.close();
        await player.close();
        samples.push({ contender, run, ttfb, ttff, seek, rssMiB, error });
        console.error(
          `run ${run} ${contender}: first byte ${ttfb.toFixed(0)} ms, first frame ${ttff.toFixed(0)} ms, seek ${seek.toFixed(0)} ms${error ? ` (${error})` : ''}`,
        );
      }
    }

    const summary = contenders.map((c) => {
      const mine = samples.filter((s) => s.contender === c);
      return {
        contender: c,
        medianFirstByteMs: median(mine.map((s) => s.ttfb)),
        medianFirstFrameMs: median(mine.map((s) => s.ttff)),
        medianSeekMs: median(mine.map((s) => s.seek)),
        medianPeakRssMiB: median(mine.map((s) => s.rssMiB)),
        failures: mine.filter((s) => s.error).length,
      };
    });
    console.log(formatTable(summary));
    const resultsDir = new URL('./results/', import.meta.url).pathname;
    await mkdir(resultsDir, { recursive: true });
    const file = join(
      resultsDir,
      `loopback-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    await writeFile(
      file,
      JSON.stringify(
        {
          scenario: `loopback, ${SEEDERS} seeders capped at ${SEEDER_UPLOAD_BYTES_PER_SECOND} B/s each, 120 s 720p H.264 MP4 (~3 Mbit/s) with moov at the end, .torrent known`,
          runs,
          summary,
          samples,
        },
        null,
        2,
      ),
    );
    console.log(`Results written to ${file}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

await main();
