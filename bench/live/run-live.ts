// Live-channel benchmark: a broadcaster with its origin capped and N headless viewer commands on
// loopback, per latency profile; figures come from the viewers' own `--json` and the broadcaster's
// counters. It measures and records, never passes or fails. Everything it starts ends with it.
// Usage: npm run bench:live -- [--viewers 10,25] [--profile standard|low] [--duration S] [--runs N]
// (also --origin-limit RATE, --stagger-ms MS between joins, --viewer-upload RATE)
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Broadcaster } from '../../electron/engine/live/broadcaster.js';
import { parseRate } from '../../electron/engine/live/live-cli-args.js';
import { makeTestVideo } from '../../electron/engine/test-support/media.js';
import { TorrentClient } from '../../electron/engine/torrent/torrent-client.js';
import {
  aggregate,
  judge,
  markdownTable,
  parseViewerOutput,
  type RunInput,
  type ViewerResult,
} from './live-stats.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const VIEWER_JS = join(root, 'dist/electron/cli/viewer.js');
/** loopback only: private addresses allowed, no DHT nor local discovery */
const LAB_ENV = { ESSAIM_ALLOW_PRIVATE_ADDRESSES: '1', ESSAIM_NO_DHT: '1' };
const VIDEO_KBPS = 800;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const viewerCounts = (option('--viewers') ?? '10,25').split(',').map(Number);
const profileArg = option('--profile');
const profiles =
  profileArg === undefined
    ? (['standard', 'low-latency'] as const)
    : profileArg === 'low' || profileArg === 'low-latency'
      ? (['low-latency'] as const)
      : profileArg === 'standard'
        ? (['standard'] as const)
        : undefined;
const duration = Number(option('--duration') ?? '60');
const runs = Number(option('--runs') ?? '1');
const originLimitText = option('--origin-limit') ?? '256k';
const originLimit = parseRate(originLimitText);
const staggerMs = Number(option('--stagger-ms') ?? '200');
/** each viewer's sharing budget; unset = the viewer command's own default (256 KiB/s) */
const viewerUpload = option('--viewer-upload');
if (
  !profiles ||
  viewerCounts.some((n) => !(Number.isInteger(n) && n >= 1 && n <= 100)) ||
  !(duration >= 10) ||
  !(Number.isInteger(runs) && runs >= 1) ||
  !originLimit ||
  !(staggerMs >= 0) ||
  (viewerUpload !== undefined && parseRate(viewerUpload) === undefined)
) {
  console.error(
    'Usage: npm run bench:live -- [--viewers 10,25] [--profile standard|low] [--duration S (>= 10)] [--runs N] [--origin-limit 256k] [--stagger-ms 200] [--viewer-upload 512k]',
  );
  process.exit(2);
}

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<unknown>> = [];
let work = '';
/** set on Ctrl-C: nothing more is started, measured or written */
let stopping = false;

async function tearDown(): Promise<void> {
  for (const c of children) c.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  // ffmpeg may still be writing its last segment as it ends: retry the removal a little
  if (work)
    await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(
      () => undefined,
    );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = true;
    console.error(`Stopping (${signal}): ending every viewer and the broadcaster…`);
    void tearDown().finally(() => process.exit(130));
  });
}
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** A 60 s 640x360 clip, kept in the temp folder between runs; the broadcaster loops it. */
async function benchClip(): Promise<string> {
  const cached = join(tmpdir(), 'essaim-bench-live-60s-640x360.mp4');
  if (
    await stat(cached).then(
      (s) => s.size > 0,
      () => false,
    )
  )
    return cached;
  console.error('Making a 60 s 640x360 clip with ffmpeg…');
  const made = await makeTestVideo(work, {
    seconds: 60,
    width: 640,
    height: 360,
    bitrateKbps: 1500,
    name: 'bench-live.mp4',
  });
  await copyFile(made, cached);
  return cached;
}

function runViewer(link: string, profile: string): Promise<ViewerResult | undefined> {
  const child = spawn(
    process.execPath,
    [
      VIEWER_JS,
      link,
      '--duration',
      String(duration),
      '--json',
      '--profile',
      profile,
      ...(viewerUpload ? ['--upload-limit', viewerUpload] : []),
    ],
    { cwd: root, env: { ...process.env, ...LAB_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', () => {});
  return new Promise((resolve) => {
    // a viewer that hangs past its duration is ended; it counts as failed
    const killer = setTimeout(() => child.kill('SIGKILL'), (duration + 60) * 1000);
    child.once('exit', () => {
      clearTimeout(killer);
      children.delete(child);
      resolve(parseViewerOutput(out));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function oneRun(clip: string, profile: string, viewers: number): Promise<RunInput> {
  const client = new TorrentClient({
    dht: false,
    lsd: false,
    allowPrivateAddresses: true,
    maxConns: 100,
    downloadLimit: 0,
    uploadLimit: 0,
    log: () => {},
  });
  const closeClient = () => client.destroy();
  cleanups.push(closeClient);
  const dataDir = await mkdtemp(join(work, 'channel-'));
  const broadcaster = await Broadcaster.start({
    input: clip,
    name: 'Bench channel',
    dataDir,
    client,
    loop: true,
    uploadLimit: originLimit,
    host: '127.0.0.1',
    port: 0,
    trackers: [],
    segmentSeconds: 2,
    videoKbps: VIDEO_KBPS,
    log: () => {},
  });
  const closeBroadcaster = () => broadcaster.close();
  cleanups.push(closeBroadcaster);
  try {
    // enough segments on air for a standard tune-in (four back) before anyone joins
    const warmUntil = Date.now() + 60_000;
    while (broadcaster.published < 6 && Date.now() < warmUntil && !stopping) await sleep(250);
    if (stopping) throw new Error('Stopped.');
    if (broadcaster.published < 6) throw new Error('The broadcaster published too few segments.');
    const before = {
      segments: broadcaster.origin.sent.segments,
      manifests: broadcaster.origin.sent.manifests,
      seed: broadcaster.swarm.uploaded,
      announces: broadcaster.origin.announces,
    };
    const load: number[] = [];
    const loadTimer = setInterval(() => load.push(loadavg()[0] ?? 0), 5000);
    const pending: Array<Promise<ViewerResult | undefined>> = [];
    for (let i = 0; i < viewers && !stopping; i++) {
      pending.push(runViewer(broadcaster.link, profile));
      if (staggerMs > 0) await sleep(staggerMs);
    }
    const got = await Promise.all(pending);
    clearInterval(loadTimer);
    if (stopping) throw new Error('Stopped.');
    const results = got.filter((r): r is ViewerResult => r !== undefined && r.state === 'on-air');
    const input: RunInput = {
      profile,
      viewers,
      durationSeconds: duration,
      results,
      failed: viewers - results.length,
      broadcaster: {
        originSegmentBytes: broadcaster.origin.sent.segments - before.segments,
        originManifestBytes: broadcaster.origin.sent.manifests - before.manifests,
        seedBytes: broadcaster.swarm.uploaded - before.seed,
        announces: broadcaster.origin.announces - before.announces,
      },
    };
    const peakLoad = Math.max(0, ...load);
    console.error(
      `${profile}, ${viewers} viewers: ${results.length} finished on air; load average up to ${peakLoad.toFixed(1)} on ${cpus().length} cores`,
    );
    return Object.assign(input, { loadAverage1mPeak: peakLoad });
  } finally {
    await broadcaster.close();
    await client.destroy();
    cleanups.splice(cleanups.indexOf(closeBroadcaster), 1);
    cleanups.splice(cleanups.indexOf(closeClient), 1);
  }
}

async function main(): Promise<void> {
  if (
    !(await stat(VIEWER_JS).then(
      () => true,
      () => false,
    ))
  ) {
    console.error('The viewer is not built: run `npm run build:node` (npm run bench:live does).');
    process.exit(1);
  }
  work = await mkdtemp(join(tmpdir(), 'essaim-bench-live-'));
  try {
    const clip = await benchClip();
    const allRuns: RunInput[] = [];
    const rows = [];
    for (const profile of profiles ?? []) {
      for (const viewers of viewerCounts) {
        const mine: RunInput[] = [];
        for (let run = 1; run <= runs; run++) {
          console.error(`Run ${run}/${runs}: ${profile}, ${viewers} viewers for ${duration} s…`);
          mine.push(await oneRun(clip, profile, viewers));
        }
        allRuns.push(...mine);
        rows.push(aggregate(mine));
      }
    }
    const table = markdownTable(rows);
    const verdicts = judge(rows);
    console.log(table);
    console.log('');
    for (const v of verdicts)
      console.log(
        `${v.met === undefined ? 'n/a    ' : v.met ? 'met    ' : 'NOT MET'}  ${v.measure}: ${v.value} (target ${v.target})`,
      );
    const resultsDir = join(root, 'bench/results');
    await mkdir(resultsDir, { recursive: true });
    const file = join(resultsDir, `live-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      JSON.stringify(
        {
          scenario:
            `loopback; broadcaster looping a 640x360 clip re-encoded at ${VIDEO_KBPS} kbit/s video + 96 kbit/s audio, ` +
            `2 s segments; origin HTTP and its seed each capped at ${Math.round((originLimit ?? 0) / 1024)} KiB/s; ` +
            `headless viewers (sharing ${viewerUpload ? `${Math.round((parseRate(viewerUpload) ?? 0) / 1024)} KiB/s` : '256 KiB/s, their default'} each) joining ${staggerMs} ms apart, each watching ${duration} s`,
          options: {
            viewerCounts,
            profiles,
            duration,
            runs,
            originLimitText,
            staggerMs,
            viewerUpload,
          },
          machine: { cores: cpus().length, loadAverageAtEnd: loadavg() },
          rows,
          verdicts,
          runs: allRuns,
        },
        null,
        2,
      ),
    );
    console.log(`\nResults written to ${file}`);
  } finally {
    await tearDown();
  }
}

try {
  await main();
  process.exit(0);
} catch (err) {
  // on Ctrl-C the signal handler ends the process once everything is torn down
  if (!stopping) {
    console.error(`The benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
