// Pure aggregation for the live-channel benchmark: folds the headless viewers' own `--json`
// objects and the broadcaster's counters into one row of figures, and judges the targets.
// It never measures, spawns or times anything itself.

/** The fields of the headless viewer's `--json` object this benchmark reads. */
export interface ViewerResult {
  state?: string;
  bytesFromPeers: number;
  bytesFromBroadcaster: number;
  bytesFromOrigin: number;
  startupMs?: number;
  behindLiveSeconds?: number;
  stalledSeconds: number;
  playedSeconds: number;
  stalls: number;
  segmentsPlayable: number;
  peers: number;
}

/** What the broadcaster itself counted during one run. */
export interface BroadcasterCounters {
  /** segment bytes its HTTP origin sent */
  originSegmentBytes: number;
  originManifestBytes: number;
  /** segment bytes its own seed sent into the channel swarm */
  seedBytes: number;
  /** tracker announces it answered while the viewers ran (joins, re-announces, leaves) */
  announces: number;
}

export interface RunInput {
  profile: string;
  viewers: number;
  durationSeconds: number;
  results: ViewerResult[];
  /** viewers that ended without a JSON object, or off air */
  failed: number;
  broadcaster: BroadcasterCounters;
}

export interface LiveRow {
  profile: string;
  viewersAsked: number;
  viewersRan: number;
  failed: number;
  runs: number;
  /** 1 - (origin HTTP + broadcaster's seed) / all segment bytes viewers received */
  offload: number;
  /** 1 - origin HTTP bytes / all segment bytes viewers received (the seed counted as a peer) */
  offloadHttpOnly: number;
  /** what the broadcaster sent (HTTP + seed, manifests included) / what viewers received */
  broadcasterSentRatio: number;
  tuneInMedianMs?: number;
  tuneInP90Ms?: number;
  behindLiveMedianS?: number;
  behindLiveP90S?: number;
  rebufferRatio: number;
  stallsPerViewer: number;
  announcesPerViewerPerMinute: number;
}

export function quantile(values: number[], q: number): number | undefined {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Folds every run of one (profile, viewer count) into one row; bytes are summed, not averaged. */
export function aggregate(runs: RunInput[]): LiveRow {
  const first = runs[0];
  if (!first) throw new Error('No run to aggregate.');
  const all = runs.flatMap((r) => r.results);
  const sum = (f: (v: ViewerResult) => number) => all.reduce((s, v) => s + f(v), 0);
  const peers = sum((v) => v.bytesFromPeers);
  const seed = sum((v) => v.bytesFromBroadcaster);
  const http = sum((v) => v.bytesFromOrigin);
  const received = peers + seed + http;
  const sent = runs.reduce(
    (s, r) =>
      s +
      r.broadcaster.originSegmentBytes +
      r.broadcaster.originManifestBytes +
      r.broadcaster.seedBytes,
    0,
  );
  const played = sum((v) => v.playedSeconds);
  const stalled = sum((v) => v.stalledSeconds);
  // viewer-minutes: each viewer watched for the run's duration
  const viewerMinutes = runs.reduce((s, r) => s + (r.results.length * r.durationSeconds) / 60, 0);
  const announces = runs.reduce((s, r) => s + r.broadcaster.announces, 0);
  const startups = all.map((v) => v.startupMs).filter((v): v is number => v !== undefined);
  const behind = all.map((v) => v.behindLiveSeconds).filter((v): v is number => v !== undefined);
  return {
    profile: first.profile,
    viewersAsked: first.viewers,
    viewersRan: Math.round(all.length / runs.length),
    failed: runs.reduce((s, r) => s + r.failed, 0),
    runs: runs.length,
    offload: received > 0 ? peers / received : 0,
    offloadHttpOnly: received > 0 ? 1 - http / received : 0,
    broadcasterSentRatio: received > 0 ? sent / received : 0,
    tuneInMedianMs: quantile(startups, 0.5),
    tuneInP90Ms: quantile(startups, 0.9),
    behindLiveMedianS: quantile(behind, 0.5),
    behindLiveP90S: quantile(behind, 0.9),
    rebufferRatio: played + stalled > 0 ? stalled / (played + stalled) : 0,
    stallsPerViewer: all.length > 0 ? sum((v) => v.stalls) / all.length : 0,
    announcesPerViewerPerMinute: viewerMinutes > 0 ? announces / viewerMinutes : 0,
  };
}

export interface Verdict {
  measure: string;
  target: string;
  value: string;
  met: boolean | undefined;
}

/** The issue's targets, judged on the rows measured; undefined when nothing measured it. */
export function judge(rows: LiveRow[]): Verdict[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const verdicts: Verdict[] = [];
  for (const row of rows) {
    const who = `${row.profile}, ${row.viewersRan} viewers`;
    const big = row.viewersAsked > 10;
    const floor = big ? 0.9 : 0.7;
    verdicts.push({
      measure: `offload, ${who}`,
      target: `>= ${floor * 100}%${big ? ' (toward 50 viewers)' : ''}`,
      value: pct(row.offload),
      met: row.offload >= floor,
    });
    verdicts.push({
      measure: `tune-in median, ${who}`,
      target: '<= 2.5 s',
      value:
        row.tuneInMedianMs === undefined ? 'n/a' : `${(row.tuneInMedianMs / 1000).toFixed(2)} s`,
      met: row.tuneInMedianMs === undefined ? undefined : row.tuneInMedianMs <= 2500,
    });
    const limit = row.profile === 'low-latency' ? 8 : 15;
    verdicts.push({
      measure: `behind live median, ${who}`,
      target: `<= ${limit} s`,
      value: row.behindLiveMedianS === undefined ? 'n/a' : `${row.behindLiveMedianS.toFixed(1)} s`,
      met: row.behindLiveMedianS === undefined ? undefined : row.behindLiveMedianS <= limit,
    });
    verdicts.push({
      measure: `rebuffer ratio, ${who}`,
      target: '<= 0.5%',
      value: `${(row.rebufferRatio * 100).toFixed(2)}%`,
      met: row.rebufferRatio <= 0.005,
    });
  }
  return verdicts;
}

/** One Markdown table of the rows, figures rounded for reading. */
export function markdownTable(rows: LiveRow[]): string {
  const n = (v: number | undefined, digits: number, scale = 1) =>
    v === undefined ? 'n/a' : (v * scale).toFixed(digits);
  const head = [
    'profile',
    'viewers (ran/asked)',
    'runs',
    'offload',
    'offload, HTTP only',
    'broadcaster sent / received',
    'tune-in median (p90), s',
    'behind live median (p90), s',
    'rebuffer',
    'stalls / viewer',
    'announces / viewer / min',
  ];
  const lines = rows.map((r) => [
    r.profile,
    `${r.viewersRan}/${r.viewersAsked}${r.failed ? ` (${r.failed} failed)` : ''}`,
    String(r.runs),
    `${n(r.offload, 1, 100)}%`,
    `${n(r.offloadHttpOnly, 1, 100)}%`,
    `${n(r.broadcasterSentRatio, 1, 100)}%`,
    `${n(r.tuneInMedianMs, 2, 0.001)} (${n(r.tuneInP90Ms, 2, 0.001)})`,
    `${n(r.behindLiveMedianS, 1)} (${n(r.behindLiveP90S, 1)})`,
    `${n(r.rebufferRatio, 2, 100)}%`,
    n(r.stallsPerViewer, 2),
    n(r.announcesPerViewerPerMinute, 2),
  ]);
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

/** Reads one viewer's stdout (its last line is the JSON object); undefined when there is none. */
export function parseViewerOutput(stdout: string): ViewerResult | undefined {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    const v = JSON.parse(last) as Record<string, unknown>;
    const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
    if (num('bytesFromPeers') === undefined) return undefined;
    return {
      state: typeof v['state'] === 'string' ? v['state'] : undefined,
      bytesFromPeers: num('bytesFromPeers') ?? 0,
      bytesFromBroadcaster: num('bytesFromBroadcaster') ?? 0,
      bytesFromOrigin: num('bytesFromOrigin') ?? 0,
      startupMs: num('startupMs'),
      behindLiveSeconds: num('behindLiveSeconds'),
      stalledSeconds: num('stalledSeconds') ?? 0,
      playedSeconds: num('playedSeconds') ?? 0,
      stalls: num('stalls') ?? 0,
      segmentsPlayable: num('segmentsPlayable') ?? 0,
      peers: num('peers') ?? 0,
    };
  } catch {
    return undefined;
  }
}
