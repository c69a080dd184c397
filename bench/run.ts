// The swarm lab: real seeders on a shaped network (namespaces, tbf, delay relays), and every
// contender on the same swarm in the same run: this engine in Chromium, webtorrent's default
// server, webtorrent-cli, peerflix, qBittorrent and aria2. It measures and records; it never
// passes or fails. Usage: npm run bench -- [--scenario a,b] [--runs N] [--contenders a,b] ...
import { mkdir, readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { DEFAULT_CONTENDERS, firstFrameFloorMs, SCENARIOS, type Scenario } from './scenarios.js';
import {
  CONTENDERS,
  HAS_PLAYER,
  programStartMs,
  type ContenderName,
  type TorrentRef,
} from './lab/contender-procs.js';
import { startRegions } from './lab/disk-watch.js';
import { FILM_AUDIO_KBPS, FILM_VIDEO_KBPS, labFilm } from './lab/media.js';
import { measureOne, type Sample } from './lab/measure.js';
import { startNetwork, type LabNetwork } from './lab/network.js';
import { installNpmTools } from './lab/npm-tools.js';
import { nextMessage, onTeardown, spawnNodeIn, stop, teardown } from './lab/processes.js';
import { makeTorrent, startLeecher, startSeeder, startWebSeed } from './lab/seeders.js';
import { summarise, writeReport } from './report.js';
import { formatTable } from './stats.js';
import { torrentInfo } from './lab/torrent-info.js';

const PROBE_CHILD = new URL('./lab/probe-child.ts', import.meta.url).pathname;
const RESULTS = new URL('./results/', import.meta.url).pathname;

async function chromiumIn(netns: string | null): Promise<Browser> {
  let executablePath = CHROMIUM_PATH;
  if (netns) {
    // the browser must live in the viewer's namespace to reach the contenders' local servers
    executablePath = join(tmpdir(), `essaim-lab-chromium-${process.pid}.sh`);
    await writeFile(
      executablePath,
      `#!/bin/sh\nexec ip netns exec ${netns} ${CHROMIUM_PATH} "$@"\n`,
    );
    await chmod(executablePath, 0o755);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

async function waitSeeders(net: LabNetwork, infoHash: string, expected: number): Promise<number> {
  const deadline = Date.now() + 15 * 60_000;
  let seen = 0;
  while (Date.now() < deadline) {
    seen = await net.seeders(infoHash);
    if (seen >= expected) return seen;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`only ${seen} of ${expected} seeders announced a complete copy; measuring anyway`);
  return seen;
}

async function runScenario(scenario: Scenario, opts: BenchOptions<ContenderName>): Promise<string> {
  // the machine is shared: how busy it was is part of the result
  const loadAtStart = loadavg()[0]!;
  const film = await labFilm(scenario.film, opts.longGiB);
  const sourceBytes = (await stat(film)).size;
  const hosts = scenario.seeders.map((s, i) => ({
    name: `seed${i}`,
    upKbit: s.upKbit,
    downKbit: 1_000_000,
  }));
  for (let i = 0; i < (scenario.leechers?.count ?? 0); i += 1) {
    hosts.push({ name: `leech${i}`, upKbit: 6_000, downKbit: scenario.leechers!.downKbit });
  }
  if (scenario.webSeedKbit)
    hosts.push({ name: 'webseed', upKbit: scenario.webSeedKbit, downKbit: 1_000_000 });
  hosts.push({ name: 'viewer', ...scenario.viewer });
  const net = await startNetwork({ hosts, rttMs: scenario.rttMs, loopback: opts.loopback });
  onTeardown(() => net.close());
  let webSeed: string | undefined;
  if (scenario.webSeedKbit) {
    const host = net.host('webseed');
    const port = await startWebSeed(host, film);
    const relay = await net.relay(host.address, port);
    webSeed = `http://${relay.host}:${relay.port}/${encodeURIComponent(film.split('/').pop()!)}`;
  }
  const torrentPath = await makeTorrent(
    film,
    net.announceUrl,
    scenario.film === 'long' ? 21 : 18,
    webSeed,
  );
  const info = await torrentInfo(torrentPath);
  const ref: TorrentRef = {
    torrentPath,
    torrentBase64: (await readFile(torrentPath)).toString('base64'),
    magnet: `magnet:?xt=urn:btih:${info.infoHash}&dn=${encodeURIComponent(info.name)}&tr=${encodeURIComponent(net.announceUrl)}`,
    infoHash: info.infoHash,
    name: info.name,
    useMagnet: scenario.magnet === true,
  };
  console.error(`\n== ${scenario.id}: ${scenario.title} [${net.mode}]`);
  await Promise.all(
    scenario.seeders.map((s, i) =>
      startSeeder(s.kind, net.host(`seed${i}`), film, torrentPath, net.mode === 'loopback'),
    ),
  );
  const seen = await waitSeeders(net, info.infoHash, scenario.seeders.length);
  const viewer = net.host('viewer');
  const browser = await chromiumIn(viewer.netns);
  onTeardown(() => browser.close());
  const probe = spawnNodeIn(viewer.netns, PROBE_CHILD, []);
  onTeardown(() => stop(probe));
  await nextMessage(probe, 'ready');

  // "the first seconds": 2 s of the film at its average bitrate, and its index wherever it is
  const prefix = Math.round((2 * (FILM_VIDEO_KBPS + FILM_AUDIO_KBPS) * 1000) / 8);
  const ctx = {
    scenario, net, browser, probe, ref, source: film, sourceBytes,
    startRegions: await startRegions(film, prefix), timeoutMs: 90_000,
  }; // prettier-ignore
  const samples: Sample[] = [];
  const contenders = opts.contenders.filter(
    (c) =>
      (opts.contendersGiven || (scenario.contenders ?? DEFAULT_CONTENDERS).includes(c)) &&
      (net.mode === 'namespaces' || !NEEDS_ISOLATION.has(c)),
  );
  const programStart: Record<string, number> = {};
  for (const name of contenders) {
    if (NEEDS_ISOLATION.has(name)) programStart[name] = await programStartMs(name, viewer);
  }
  for (let run = 1; run <= opts.runs; run += 1) {
    // a different order each run, so no contender always goes first on a fresh swarm
    const order = contenders.map((_, i) => contenders[(i + run - 1) % contenders.length]!);
    for (const name of order) {
      const leechers = [];
      for (let i = 0; i < (scenario.leechers?.count ?? 0); i += 1) {
        leechers.push(await startLeecher(net.host(`leech${i}`), torrentPath));
      }
      const sample = await measureOne(name, run, ctx);
      for (const close of leechers) await close();
      for (const host of ['viewer', ...leechers.map((_, i) => `leech${i}`)]) await net.forget(host);
      samples.push(sample);
      console.error(
        `run ${run} ${name}: first byte ${sample.ttfb.toFixed(0)} ms, first ${sample.ttffKind} ${sample.ttff.toFixed(0)} ms` +
          `, seek ${sample.seek.toFixed(0)} ms, stalls ${sample.stalls}` +
          (sample.stallsAt?.length ? ` (at ${sample.stallsAt.join(', ')} s of the film)` : '') +
          `, complete ${sample.complete.toFixed(0)} ms` +
          `, up ${sample.uploadedMiB.toFixed(1)} MiB, peak ${sample.peakRssMiB.toFixed(0)} MiB, cpu ${sample.cpuSeconds.toFixed(1)} s` +
          (sample.error ? ` (${sample.error})` : ''),
      );
    }
  }
  const summary = summarise(samples, contenders);
  console.log(`\n${scenario.id} [${net.mode}]`);
  console.log(formatTable(summary.map((s) => ({
    contender: s.contender, 'first byte ms': s.ttfb.median, 'first frame ms': s.ttff.median,
    'seek ms': s.seek.median, stalls: s.stalls.median, 'peak MiB': s.peakRssMiB.median,
    'cpu s': s.cpuSeconds.median, failures: s.failures,
  })))); // prettier-ignore
  await mkdir(RESULTS, { recursive: true });
  const file = join(
    RESULTS,
    `lab-${scenario.id}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  await writeFile(
    file,
    `${JSON.stringify(
      {
        scenario: {
          ...scenario,
          filmBytes: sourceBytes,
          seedersAnnounced: seen,
          firstFrameFloorMs: firstFrameFloorMs(scenario, ctx.startRegions),
        },
        network: net.mode,
        date: new Date().toISOString(),
        runs: opts.runs,
        noPlayer: contenders.filter((c) => !HAS_PLAYER[c]),
        programStartMs: programStart,
        loadAverage: { start: loadAtStart, end: loadavg()[0]! },
        summary,
        samples,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Results written to ${file}`);
  await teardown();
  return file;
}

/** programs that cannot turn DHT off: only run where the namespaces keep them in the lab */
const NEEDS_ISOLATION = new Set<ContenderName>(['webtorrent-cli', 'peerflix']);

async function main(): Promise<void> {
  let opts: BenchOptions<ContenderName>;
  try {
    opts = parseOptions(
      process.argv.slice(2),
      SCENARIOS.map((s) => s.id),
      [...CONTENDERS],
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
    return;
  }
  if (opts.help) return void console.log(USAGE);
  if (!opts.reportOnly) {
    if (opts.contenders.some((c) => NEEDS_ISOLATION.has(c))) await installNpmTools();
    try {
      for (const id of opts.scenarios) {
        const scenario = SCENARIOS.find((s) => s.id === id)!;
        const watchSeconds = scenario.sampleMemory ? opts.longWatchSeconds : undefined;
        await runScenario(watchSeconds ? { ...scenario, watchSeconds } : scenario, opts);
      }
    } finally {
      await teardown();
    }
  }
  const doc = await writeReport(RESULTS);
  console.log(`Report written to ${doc}`);
}

await main();
