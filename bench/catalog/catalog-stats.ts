// Figures for the catalog benchmark: percentiles of a sample and a frame summary of a scroll.
// Pure numbers in, numbers out; the benchmark never passes or fails on them.

/** The p-th percentile (0..100) by nearest rank; NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export interface Spread {
  n: number;
  median: number;
  p95: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return {
    n: values.length,
    median: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: round(values.length === 0 ? Number.NaN : Math.max(...values)),
  };
}

/** A frame longer than this shows as a stutter at 60 Hz (more than two frames' time). */
export const JANK_FRAME_MS = 50;

export interface FrameSummary extends Spread {
  /** frames per second over the whole scroll */
  fps: number;
  /** frames longer than JANK_FRAME_MS */
  janky: number;
}

export function frameSummary(intervals: readonly number[]): FrameSummary {
  const total = intervals.reduce((sum, ms) => sum + ms, 0);
  return {
    ...spread(intervals),
    fps: round(total > 0 ? (intervals.length * 1000) / total : 0),
    janky: intervals.filter((ms) => ms > JANK_FRAME_MS).length,
  };
}

export const round = (n: number): number => Math.round(n * 10) / 10;
