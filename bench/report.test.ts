import { describe, expect, it } from 'vitest';
import { flatness, judgeTargets, summarise } from './report.js';
import type { Sample } from './lab/measure.js';
import { barChartSvg } from './svg-chart.js';
import { firstFrameFloorMs, SCENARIOS } from './scenarios.js';
import { announceReply, decodeQueryBytes } from './lab/tracker.js';

const sample = (contender: Sample['contender'], ttff: number, seek: number): Sample => ({
  contender, run: 1, ttfb: ttff / 2, ttff, ttffKind: 'frame', seek, stalls: 0, rebufferRatio: 0,
  complete: NaN, throughputMbit: NaN, uploadedMiB: 1, peakRssMiB: 150, cpuSeconds: 2,
}); // prettier-ignore

describe('summarise', () => {
  it('gives medians with the spread, skipping failed runs', () => {
    const rows = summarise(
      [
        sample('essaim', 800, 600),
        sample('essaim', 1000, NaN),
        { ...sample('essaim', NaN, NaN), error: 'x' },
      ],
      ['essaim'],
    );
    expect(rows[0]!.ttff).toEqual({ median: 900, min: 800, max: 1000, n: 2 });
    expect(rows[0]!.seek.n).toBe(1);
    expect(rows[0]!.failures).toBe(1);
  });
});

describe('judgeTargets', () => {
  it('says met, not met, or not measured', () => {
    const result = (id: string, samples: Sample[]) => ({
      scenario: { id, title: id }, network: 'namespaces', date: '', runs: 1, noPlayer: [],
      summary: summarise(samples, ['essaim', 'webtorrent-server']), samples,
    }); // prettier-ignore
    const verdicts = judgeTargets(
      new Map([
        [
          'healthy',
          result('healthy', [sample('essaim', 700, NaN), sample('webtorrent-server', 1200, NaN)]),
        ],
        [
          'seek',
          result('seek', [sample('essaim', 700, 1500), sample('webtorrent-server', 700, 1600)]),
        ],
      ]),
    );
    const by = (t: string) => verdicts.find((v) => v.target === t)!.met;
    expect(by('healthy swarm, .torrent known')).toBe(true);
    expect(by('seek to an undownloaded point')).toBe(false);
    expect(by('healthy swarm, magnet')).toBeUndefined();
    expect(by("against webtorrent's default server")).toBe(false); // seek only 7 % faster
  });
});

describe('flatness', () => {
  it('compares the second half of the watch with the first', () => {
    expect(
      flatness([
        [0, 100],
        [1, 120],
        [2, 118],
        [3, 121],
      ]),
    ).toBeCloseTo(121 / 120);
    expect(Number.isNaN(flatness([[0, 1]]))).toBe(true);
  });
});

describe('barChartSvg', () => {
  it('draws one bar per figure, a spread line, n/a for missing ones, and escapes labels', () => {
    const svg = barChartSvg(
      'TTFF & seek',
      ['first frame', 'seek'],
      [
        {
          label: 'a<b',
          values: [
            { median: 500, min: 400, max: 700 },
            { median: NaN, min: NaN, max: NaN },
          ],
        },
      ],
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('TTFF &amp; seek');
    expect(svg).toContain('a&lt;b');
    expect(svg.match(/<rect x="190" y="\d+" width="[\d.]+" height="14"/g)).toHaveLength(1);
    expect(svg).toContain('<line ');
    expect(svg).toContain('>n/a<');
    expect(svg).toContain('500 ms');
  });
});

describe('lab tracker encoding', () => {
  it('decodes binary query values and writes compact peer lists', () => {
    expect(decodeQueryBytes('%DB%fdA+').toString('hex')).toBe('dbfd4120');
    const reply = announceReply([{ host: '10.1.2.3', port: 6881 }], 2, 1, 0).toString('latin1');
    expect(reply).toBe(
      'd8:completei1e10:incompletei0e8:intervali2e12:min intervali2e5:peers6:\n\x01\x02\x03\x1a\xe1e',
    );
  });
});

describe('firstFrameFloorMs', () => {
  it('adds the round trips to the bytes at the whole capacity (magnet: one more trip)', () => {
    const healthy = SCENARIOS.find((s) => s.id === 'healthy')!;
    const regions = [{ start: 0, end: 300_000 }]; // 2.4 Mbit at 24 Mbit/s: 100 ms
    expect(firstFrameFloorMs(healthy, regions)).toBeCloseTo(5 * 40 + 100);
    expect(firstFrameFloorMs({ ...healthy, magnet: true }, regions)).toBeCloseTo(6 * 40 + 100);
  });
});
