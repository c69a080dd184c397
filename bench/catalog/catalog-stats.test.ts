// The catalog benchmark's arithmetic: percentiles and the frame summary of a scroll.
import { describe, expect, it } from 'vitest';
import { frameSummary, percentile, spread } from './catalog-stats.js';

describe('catalog benchmark figures', () => {
  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(spread([3, 1, 2])).toEqual({ n: 3, median: 2, p95: 3, max: 3 });
  });

  it('counts frames per second and stutters over a scroll', () => {
    const frames = [...Array(58).fill(16.7), 80, 120];
    const summary = frameSummary(frames);
    expect(summary.janky).toBe(2);
    expect(summary.fps).toBeCloseTo((60 * 1000) / (58 * 16.7 + 200), 0);
    expect(summary.median).toBe(16.7);
  });
});
