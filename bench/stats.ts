// Small statistics and formatting helpers for benchmark results: medians that skip failed runs,
// the spread around them, and ratios between contenders.

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** the smallest and largest successful value: [NaN, NaN] when none */
export function spread(values: number[]): [number, number] {
  const ok = values.filter((v) => Number.isFinite(v));
  return ok.length === 0 ? [Number.NaN, Number.NaN] : [Math.min(...ok), Math.max(...ok)];
}

/** how many times longer `other` takes than `mine` (>1: mine is faster); NaN if unknown */
export function ratio(other: number, mine: number): number {
  return Number.isFinite(other) && Number.isFinite(mine) && mine > 0 ? other / mine : Number.NaN;
}

export interface Figure {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function figure(values: number[]): Figure {
  const [min, max] = spread(values);
  return { median: median(values), min, max, n: values.filter((v) => Number.isFinite(v)).length };
}

export function formatTable(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined) =>
    typeof v === 'number' ? (Number.isFinite(v) ? v.toFixed(0) : 'n/a') : (v ?? '');
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  return [
    line(keys),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(keys.map((k) => cell(r[k])))),
  ].join('\n');
}
