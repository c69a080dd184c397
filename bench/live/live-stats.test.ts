// The live benchmark's aggregation: bytes are summed across viewers and runs, the broadcaster's
// seed counts against offload, targets are judged on the right limits, and bad output is skipped.
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  judge,
  markdownTable,
  parseViewerOutput,
  quantile,
  type RunInput,
  type ViewerResult,
} from './live-stats.js';

const viewer = (over: Partial<ViewerResult> = {}): ViewerResult => ({
  state: 'on-air',
  bytesFromPeers: 800,
  bytesFromBroadcaster: 100,
  bytesFromOrigin: 100,
  startupMs: 500,
  behindLiveSeconds: 9,
  stalledSeconds: 0,
  playedSeconds: 60,
  stalls: 0,
  segmentsPlayable: 30,
  peers: 9,
  ...over,
});

const run = (results: ViewerResult[], over: Partial<RunInput> = {}): RunInput => ({
  profile: 'standard',
  viewers: results.length,
  durationSeconds: 60,
  results,
  failed: 0,
  broadcaster: { originSegmentBytes: 200, originManifestBytes: 10, seedBytes: 190, announces: 4 },
  ...over,
});

describe('live benchmark aggregation', () => {
  it('sums bytes over viewers and runs, counting the seed as the broadcaster', () => {
    const row = aggregate([
      run([viewer(), viewer({ bytesFromPeers: 0, bytesFromOrigin: 900 })]),
      run([viewer(), viewer()]),
    ]);
    // peers 2400 of 4000 received; origin HTTP 1200 of 4000
    expect(row.offload).toBeCloseTo(0.6);
    expect(row.offloadHttpOnly).toBeCloseTo(0.7);
    expect(row.broadcasterSentRatio).toBeCloseTo(800 / 4000);
    expect(row.viewersRan).toBe(2);
    expect(row.runs).toBe(2);
    // 8 announces over 4 viewer-minutes
    expect(row.announcesPerViewerPerMinute).toBeCloseTo(2);
  });

  it('takes the rebuffer ratio over all watching time and medians over viewers', () => {
    const row = aggregate([
      run([
        viewer({ stalledSeconds: 1, playedSeconds: 99, startupMs: 400, behindLiveSeconds: 8 }),
        viewer({ stalledSeconds: 0, playedSeconds: 100, startupMs: 2000, behindLiveSeconds: 12 }),
        viewer({ startupMs: undefined, behindLiveSeconds: undefined }),
      ]),
    ]);
    expect(row.rebufferRatio).toBeCloseTo(1 / 260);
    expect(row.tuneInMedianMs).toBe(1200);
    expect(row.behindLiveMedianS).toBe(10);
  });

  it('judges 70% at ten viewers, 90% above, and 8 s behind live for low latency', () => {
    const ten = aggregate([run(Array.from({ length: 10 }, () => viewer()))]);
    const forty = aggregate([
      run(
        Array.from({ length: 40 }, () => viewer()),
        { profile: 'low-latency' },
      ),
    ]);
    const verdicts = judge([ten, forty]);
    const find = (prefix: string) => verdicts.find((v) => v.measure.startsWith(prefix));
    expect(find('offload, standard, 10')?.met).toBe(true); // 80% >= 70%
    expect(find('offload, low-latency, 40')?.met).toBe(false); // 80% < 90%
    expect(find('behind live median, standard')?.met).toBe(true); // 9 <= 15
    expect(find('behind live median, low-latency')?.met).toBe(false); // 9 > 8
    expect(markdownTable([ten, forty]).split('\n')).toHaveLength(4);
  });

  it('reads only a JSON last line with byte counts', () => {
    expect(parseViewerOutput('noise\n{"bytesFromPeers": 5, "startupMs": 300}\n')).toMatchObject({
      bytesFromPeers: 5,
      bytesFromOrigin: 0,
      startupMs: 300,
    });
    expect(parseViewerOutput('viewer exited\n')).toBeUndefined();
    expect(parseViewerOutput('{"offload": 1}')).toBeUndefined();
    expect(quantile([], 0.5)).toBeUndefined();
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
  });
});
