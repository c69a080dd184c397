// One contender, cold, on the scenario's swarm: the timed part runs from "play" (adding the
// torrent) to the first byte, the first frame (or, without a player, the first seconds on disk
// in order), a seek, a watch with its stalls, and the complete file. Then its memory and CPU.
import { spawn } from 'node:child_process';
import type { Browser } from '@playwright/test';
import type { Scenario } from '../scenarios.js';
import { measureSeek, waitFirstFrame, watch } from '../page-probe.js';
import {
  HAS_PLAYER,
  launchContender,
  type ContenderName,
  type TorrentRef,
} from './contender-procs.js';
import { allocatedBytes, waitRegions, type Region } from './disk-watch.js';
import type { LabNetwork } from './network.js';
import { ask } from './processes.js';
import { procStats, sampleRss } from './proc-stats.js';
import type { ChildProcess } from 'node:child_process';

export interface Sample {
  contender: ContenderName;
  run: number;
  /** ms from play to the first byte (over HTTP, or of the first piece on disk) */
  ttfb: number;
  /** ms from play to the first frame (or to the first seconds on disk, in order) */
  ttff: number;
  ttffKind: 'frame' | 'disk';
  seek: number;
  stalls: number;
  /** where in the film each stall began (seconds of media) */
  stallsAt?: number[];
  rebufferRatio: number;
  /** ms from play to the complete file on disk */
  complete: number;
  throughputMbit: number;
  uploadedMiB: number;
  peakRssMiB: number;
  cpuSeconds: number;
  rssOverTime?: Array<[number, number]>;
  error?: string;
}

export interface MeasureContext {
  scenario: Scenario;
  net: LabNetwork;
  browser: Browser | undefined;
  probe: ChildProcess;
  ref: TorrentRef;
  source: string;
  sourceBytes: number;
  /** what a player needs on disk to start: the first seconds (and the index if at the end) */
  startRegions: Region[];
  timeoutMs: number;
}

function sameFile(a: string, b: string): Promise<boolean> {
  return new Promise((resolve) => {
    const cmp = spawn('cmp', ['-s', a, b], { stdio: 'ignore' });
    cmp.once('exit', (code) => resolve(code === 0));
    cmp.once('error', () => resolve(false));
  });
}

async function waitComplete(
  file: () => Promise<string | undefined>,
  ctx: MeasureContext,
): Promise<number> {
  const deadline = Date.now() + ctx.timeoutMs * 20;
  for (;;) {
    const path = await file();
    if (
      path &&
      (await allocatedBytes(path)) >= ctx.sourceBytes &&
      (await sameFile(path, ctx.source))
    ) {
      return Date.now();
    }
    if (Date.now() > deadline) throw new Error('the download did not complete in time');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const viewerSent = async (net: LabNetwork): Promise<number> => (await net.sentBy())['viewer'] ?? 0;

export async function measureOne(
  name: ContenderName,
  run: number,
  ctx: MeasureContext,
): Promise<Sample> {
  const { scenario } = ctx;
  const sample: Sample = {
    contender: name, run, ttfb: NaN, ttff: NaN, ttffKind: HAS_PLAYER[name] ? 'frame' : 'disk',
    seek: NaN, stalls: NaN, rebufferRatio: NaN, complete: NaN, throughputMbit: NaN,
    uploadedMiB: NaN, peakRssMiB: NaN, cpuSeconds: NaN,
  }; // prettier-ignore
  const contender = await launchContender(name, ctx.net.host('viewer'));
  const page = HAS_PLAYER[name] ? await ctx.browser?.newPage() : undefined;
  const sentBefore = await viewerSent(ctx.net);
  let stopSampling: (() => Array<[number, number]>) | undefined;
  try {
    if (page && contender.openPage) await contender.openPage(page);
    const t0 = Date.now();
    const url =
      page && contender.startInPage
        ? await contender.startInPage(page, ctx.ref)
        : await contender.start(ctx.ref);
    if (scenario.sampleMemory) stopSampling = sampleRss(contender.pid);
    const completed = scenario.complete ? waitComplete(() => contender.file(), ctx) : undefined;
    completed?.catch(() => undefined);
    if (url && page) {
      const firstByte = ask(ctx.probe, { type: 'first-byte', url, timeoutMs: ctx.timeoutMs });
      if (!contender.urlReadyAtOnce) await firstByte;
      const frame = waitFirstFrame(page, url, ctx.timeoutMs).then(() => Date.now());
      frame.catch(() => undefined); // reported below, unless the first byte failed first
      const byte = await firstByte;
      if (byte['error']) throw new Error(String(byte['error']));
      sample.ttfb = Number(byte['at']) - t0;
      sample.ttff = (await frame) - t0;
      if (scenario.watchSeconds) {
        const watched = await watch(page, scenario.watchSeconds);
        sample.stalls = watched.stalls;
        sample.stallsAt = watched.stallsAt;
        sample.rebufferRatio = watched.stalledMs / watched.watchedMs;
      }
      if (scenario.seek) {
        await page.waitForTimeout(scenario.seek.afterMs);
        sample.seek = await measureSeek(page, scenario.seek.fraction, ctx.timeoutMs);
      }
    } else {
      const file = { path: undefined as string | undefined };
      const poll = setInterval(() => void contender.file().then((p) => (file.path = p)), 50);
      try {
        const firstPiece = waitRegions(
          () => file.path,
          ctx.source,
          [{ start: 0, end: 16 * 1024 }],
          ctx.timeoutMs,
        );
        firstPiece.catch(() => undefined); // reported below, unless the first seconds failed first
        sample.ttff =
          (await waitRegions(() => file.path, ctx.source, ctx.startRegions, ctx.timeoutMs)) - t0;
        sample.ttfb = (await firstPiece) - t0;
      } catch (err) {
        // a program that does not fetch in order (aria2) may take the first seconds last: in a
        // full download, its time to complete still counts (first byte and frame stay n/a)
        if (!completed) throw err;
      } finally {
        clearInterval(poll);
      }
      if (scenario.watchSeconds)
        await new Promise((r) => setTimeout(r, scenario.watchSeconds! * 1000));
    }
    sample.uploadedMiB = ((await viewerSent(ctx.net)) - sentBefore) / 1024 ** 2;
    if (completed) {
      sample.complete = (await completed) - t0;
      sample.throughputMbit = (ctx.sourceBytes * 8) / (sample.complete / 1000) / 1e6;
    }
  } catch (err) {
    sample.error = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  }
  if (stopSampling) sample.rssOverTime = stopSampling();
  const stats = await procStats(contender.pid).catch(() => undefined);
  if (stats) {
    sample.peakRssMiB = stats.peakRssMiB;
    sample.cpuSeconds = stats.cpuSeconds;
  }
  await page?.close().catch(() => undefined);
  await contender.close();
  return sample;
}
