// Turns the lab's results into figures: medians with spread per contender, ratios against this
// engine, the targets met or not, and the part of docs/performance.md between its markers, with
// the SVG chart of time to first frame and seek latency per contender.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as prettier from 'prettier';
import type { Sample } from './lab/measure.js';
import { figure, ratio, type Figure } from './stats.js';
import { barChartSvg } from './svg-chart.js';

const FIGURES = ['ttfb', 'ttff', 'seek', 'stalls', 'rebufferRatio', 'complete', 'throughputMbit', 'uploadedMiB', 'peakRssMiB', 'cpuSeconds'] as const; // prettier-ignore
type FigureName = (typeof FIGURES)[number];

export type Summary = { contender: string; failures: number; errors: string[] } & Record<
  FigureName,
  Figure
>;

export function summarise(samples: Sample[], contenders: string[]): Summary[] {
  return contenders.map((contender) => {
    const mine = samples.filter((s) => s.contender === contender);
    const row = { contender, failures: mine.filter((s) => s.error).length, errors: [...new Set(mine.flatMap((s) => (s.error ? [s.error] : [])))] } as Summary; // prettier-ignore
    for (const f of FIGURES) row[f] = figure(mine.map((s) => s[f]));
    return row;
  });
}

interface ResultFile {
  scenario: { id: string; title: string; firstFrameFloorMs?: number };
  network: string;
  date: string;
  runs: number;
  noPlayer: string[];
  programStartMs?: Record<string, number>;
  loadAverage?: { start: number; end: number };
  summary: Summary[];
  samples: Sample[];
}

export async function latestResults(
  dir: string,
): Promise<Map<string, ResultFile & { file: string }>> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => /^lab-.*\.json$/.test(f)).sort();
  const latest = new Map<string, ResultFile & { file: string }>();
  for (const file of files) {
    const result = JSON.parse(await readFile(join(dir, file), 'utf8')) as ResultFile;
    latest.set(result.scenario.id, { ...result, file }); // sorted by date: the last one wins
  }
  return latest;
}

const ms = (f: Figure | undefined): string =>
  !f || !Number.isFinite(f.median)
    ? 'n/a'
    : f.n > 1
      ? `${Math.round(f.median)} (${Math.round(f.min)}–${Math.round(f.max)})`
      : `${Math.round(f.median)}`;
const num = (f: Figure | undefined, digits = 1): string =>
  !f || !Number.isFinite(f.median) ? 'n/a' : f.median.toFixed(digits);
const pick = (r: ResultFile | undefined, contender: string) =>
  r?.summary.find((s) => s.contender === contender);

function table(result: ResultFile): string {
  const header =
    '| contender | first byte ms | first frame ms | seek ms | stalls | rebuffer % | complete s | Mbit/s | up MiB | peak RSS MiB | CPU s | failed runs |';
  const lines = [header, `|${' --- |'.repeat(12)}`];
  for (const s of result.summary) {
    const disk = result.noPlayer.includes(s.contender) ? ' ¹' : '';
    lines.push(
      `| ${s.contender}${disk} | ${ms(s.ttfb)} | ${ms(s.ttff)} | ${ms(s.seek)} | ${num(s.stalls, 0)} | ${Number.isFinite(s.rebufferRatio.median) ? (s.rebufferRatio.median * 100).toFixed(1) : 'n/a'} | ${Number.isFinite(s.complete.median) ? (s.complete.median / 1000).toFixed(1) : 'n/a'} | ${num(s.throughputMbit)} | ${num(s.uploadedMiB)} | ${num(s.peakRssMiB, 0)} | ${num(s.cpuSeconds)} | ${s.failures}/${result.runs} |`,
    );
  }
  const essaim = pick(result, 'essaim');
  const ratios = result.summary
    .filter((s) => s.contender !== 'essaim')
    .map(
      (s) =>
        `${s.contender}: first frame ×${fmtRatio(ratio(s.ttff.median, essaim?.ttff.median ?? NaN))}, seek ×${fmtRatio(ratio(s.seek.median, essaim?.seek.median ?? NaN))}`,
    );
  const errors = result.summary.flatMap((s) => s.errors.map((e) => `${s.contender}: ${e}`));
  const starts = Object.entries(result.programStartMs ?? {}).map(([c, t]) => `${c} ${t} ms`);
  return [
    lines.join('\n'),
    '',
    `Ratios (their median / this engine's; above 1 means this engine is faster): ${ratios.join('; ')}.`,
    ...(starts.length > 0
      ? [
          '',
          `Starting the command-line programs (in their figures; \`--version\`, median of 3): ${starts.join(', ')}.`,
        ]
      : []),
    ...(errors.length > 0 ? ['', `Failures: ${errors.join('; ')}.`] : []),
  ].join('\n');
}

const floor = (r: ResultFile): string =>
  r.scenario.firstFrameFloorMs
    ? `. Network floor for a first frame (round trips, then 2 s of film and its index at the swarm's whole capacity): ${Math.round(r.scenario.firstFrameFloorMs)} ms`
    : '';
const LABELS: Record<string, string> = {
  ttfb: 'first byte',
  ttff: 'first frame',
  seek: 'seek',
  stalls: 'stalls',
  rebufferRatio: 'rebuffering',
  complete: 'time to complete',
  peakRssMiB: 'peak memory',
  cpuSeconds: 'CPU time',
};
const COMPARED = ['ttfb', 'ttff', 'seek', 'stalls', 'rebufferRatio', 'complete', 'peakRssMiB', 'cpuSeconds'] as const; // prettier-ignore
const fmtRatio = (r: number): string => (Number.isFinite(r) ? r.toFixed(2) : 'n/a');
const withMs = (text: string): string => (text === 'n/a' ? text : `${text} ms`);
const mbit = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');

export interface Verdict {
  target: string;
  goal: string;
  measured: string;
  met: boolean | undefined;
}

/** Each target of the lab, judged on the latest results (undefined: not measured). */
export function judgeTargets(results: Map<string, ResultFile>): Verdict[] {
  const e = (id: string) => pick(results.get(id), 'essaim');
  const v: Verdict[] = [];
  const le = (a: number, b: number): boolean | undefined =>
    Number.isFinite(a) && Number.isFinite(b) ? a <= b : undefined;
  const healthy = e('healthy')?.ttff.median ?? NaN;
  v.push({
    target: 'healthy swarm, .torrent known',
    goal: 'first frame ≤ 1000 ms median',
    measured: withMs(ms(e('healthy')?.ttff)),
    met: le(healthy, 1000),
  });
  v.push({
    target: 'healthy swarm, magnet',
    goal: 'first frame ≤ 1500 ms median',
    measured: withMs(ms(e('magnet')?.ttff)),
    met: le(e('magnet')?.ttff.median ?? NaN, 1500),
  });
  const moov = e('moov-last')?.ttff.median ?? NaN;
  v.push({
    target: 'moov at the end',
    goal: '≤ 1.3× the faststart figure',
    measured: `${withMs(ms(e('moov-last')?.ttff))} = ×${fmtRatio(moov / healthy)}`,
    met: le(moov, 1.3 * healthy),
  });
  v.push({
    target: 'seek to an undownloaded point',
    goal: 'frame within 1000 ms median',
    measured: withMs(ms(e('seek')?.seek)),
    met: le(e('seek')?.seek.median ?? NaN, 1000),
  });
  const stalls = e('stalls')?.stalls;
  v.push({ target: 'stalls at 1.5× capacity', goal: 'zero after start (every run)', measured: stalls ? `max ${stalls.max}, median ${stalls.median} over ${stalls.n} runs` : 'n/a', met: stalls && stalls.n > 0 ? stalls.max === 0 : undefined }); // prettier-ignore
  const wtFrame = pick(results.get('healthy'), 'webtorrent-server')?.ttff.median ?? NaN;
  const wtSeek = pick(results.get('seek'), 'webtorrent-server')?.seek.median ?? NaN;
  const seek = e('seek')?.seek.median ?? NaN;
  const both = [le(healthy, 0.7 * wtFrame), le(seek, 0.7 * wtSeek)];
  v.push({ target: "against webtorrent's default server", goal: 'first frame and seek each ≥ 30 % faster', measured: `first frame ×${fmtRatio(wtFrame / healthy)}, seek ×${fmtRatio(wtSeek / seek)} (theirs / ours)`, met: both.includes(undefined) ? undefined : both.every(Boolean) }); // prettier-ignore
  for (const other of ['webtorrent-cli', 'peerflix']) {
    const worse: string[] = [];
    let compared = 0;
    for (const [id, r] of results) {
      const mine = pick(r, 'essaim');
      const theirs = pick(r, other);
      if (!mine || !theirs) continue;
      // every figure where less is better; uploads are reported but have no better direction
      for (const f of COMPARED) {
        if (!Number.isFinite(mine[f].median) || !Number.isFinite(theirs[f].median)) continue;
        compared += 1;
        if (mine[f].median > theirs[f].median) worse.push(`${id}: ${LABELS[f]}`);
      }
    }
    v.push({ target: `against ${other}`, goal: 'no worse on any figure (medians)', measured: compared === 0 ? 'n/a' : worse.length === 0 ? `level or better on ${compared} figures` : `worse on ${worse.join(', ')} (of ${compared})`, met: compared === 0 ? undefined : worse.length === 0 }); // prettier-ignore
  }
  const long = results.get('long');
  const tp = (c: string) => pick(long, c)?.throughputMbit.median ?? NaN;
  const dl = [le(0.9 * tp('aria2'), tp('essaim')), le(0.9 * tp('qbittorrent'), tp('essaim'))];
  v.push({ target: 'full download', goal: "≥ 90 % of aria2's and qBittorrent's throughput", measured: `${mbit(tp('essaim'))} vs ${mbit(tp('aria2'))} (aria2), ${mbit(tp('qbittorrent'))} (qBittorrent) Mbit/s`, met: dl.includes(undefined) ? undefined : dl.every(Boolean) }); // prettier-ignore
  const rss = pick(long, 'essaim')?.peakRssMiB.median ?? NaN;
  const flat = flatness(
    long?.samples.find((s) => s.contender === 'essaim' && s.rssOverTime)?.rssOverTime,
  );
  v.push({ target: 'memory on a multi-GB torrent', goal: 'peak RSS ≤ 300 MiB, flat over time', measured: `${Number.isFinite(rss) ? rss.toFixed(0) : 'n/a'} MiB peak; second half / first half max ×${fmtRatio(flat)}`, met: Number.isFinite(rss) && Number.isFinite(flat) ? rss <= 300 && flat <= 1.25 : undefined }); // prettier-ignore
  return v;
}

/** max RSS over the second half of the watch divided by max over the first half */
export function flatness(samples: Array<[number, number]> | undefined): number {
  if (!samples || samples.length < 4) return Number.NaN;
  const half = Math.floor(samples.length / 2);
  const max = (part: Array<[number, number]>) => Math.max(...part.map(([, mib]) => mib));
  return max(samples.slice(half)) / max(samples.slice(0, half));
}

const BEGIN = '<!-- lab results: written by `npm run bench`, do not edit by hand -->';
const END = '<!-- end of lab results -->';

export async function writeReport(resultsDir: string): Promise<string> {
  const results = await latestResults(resultsDir);
  const docs = new URL('../docs/', import.meta.url).pathname;
  const order = [
    'healthy',
    'magnet',
    'moov-last',
    'seek',
    'mkv',
    'thin',
    'uneven',
    'stalls',
    'long',
  ];
  const contenders = [
    ...new Set([...results.values()].flatMap((r) => r.summary.map((s) => s.contender))),
  ];
  const ttff = (c: string) =>
    pick(results.get('healthy'), c)?.ttff ?? { median: NaN, min: NaN, max: NaN, n: 0 };
  const seek = (c: string) =>
    pick(results.get('seek'), c)?.seek ?? { median: NaN, min: NaN, max: NaN, n: 0 };
  await writeFile(
    join(docs, 'performance-chart.svg'),
    barChartSvg(
      'Healthy swarm, 40 ms RTT: time to first frame and seek latency',
      ['first frame (healthy)', 'seek to 50 % (seek)'],
      contenders.map((c) => ({
        label: results.get('healthy')?.noPlayer.includes(c) ? `${c} (on disk)` : c,
        values: [ttff(c), seek(c)],
      })),
    ),
  );
  const sections = order
    .filter((id) => results.has(id))
    .map((id) => {
      const r = results.get(id)!;
      return `### ${id}: ${r.scenario.title}\n\n${r.network === 'loopback' ? '**loopback** (no namespaces: no shaping by the kernel), ' : ''}${r.runs} runs, ${r.date.slice(0, 16).replace('T', ' ')} UTC${r.loadAverage ? ` (machine load ${r.loadAverage.start.toFixed(1)} → ${r.loadAverage.end.toFixed(1)} on 2 cores)` : ''}, \`bench/results/${r.file}\`${floor(r)}\n\n${table(r)}`;
    });
  const missing = order.filter((id) => !results.has(id));
  const verdicts = judgeTargets(results);
  const block = [
    BEGIN,
    '',
    '## Targets',
    '',
    '| target | goal | measured (this engine) | met |',
    '| --- | --- | --- | --- |',
    ...verdicts.map(
      (t) =>
        `| ${t.target} | ${t.goal} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'met' : '**not met**'} |`,
    ),
    '',
    '![Time to first frame and seek latency per contender](performance-chart.svg)',
    '',
    '## Results',
    '',
    'Medians, with the smallest and largest run in brackets. ¹ No player: "first frame" is the moment the first 2 s of the film (and its index, wherever it is) are on disk in order, and "first byte" the first piece on disk; seek and stalls do not apply.',
    '',
    ...sections.flatMap((s) => [s, '']),
    ...(missing.length > 0 ? [`Not measured in this report: ${missing.join(', ')}.`, ''] : []),
    END,
  ].join('\n');
  const path = join(docs, 'performance.md');
  const current = await readFile(path, 'utf8').catch(() => `# Performance\n\n${BEGIN}\n${END}\n`);
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  // the page is checked by the format gate: write it the way prettier would
  const options = (await prettier.resolveConfig(path)) ?? {};
  await writeFile(path, await prettier.format(next, { ...options, filepath: path }));
  return path;
}
