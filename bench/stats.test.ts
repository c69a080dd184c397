import { describe, expect, it } from 'vitest';
import { formatTable, median, ratio, spread } from './stats.js';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('ignores failed runs (NaN) and is NaN when nothing succeeded', () => {
    expect(median([Number.NaN, 5, 7])).toBe(6);
    expect(Number.isNaN(median([Number.NaN]))).toBe(true);
  });
});

describe('formatTable', () => {
  it('aligns columns and prints n/a for missing figures', () => {
    const text = formatTable([
      { contender: 'a', ms: 12.4 },
      { contender: 'longer', ms: Number.NaN },
    ]);
    expect(text.split('\n')).toEqual([
      'contender  ms ',
      '---------  ---',
      'a          12 ',
      'longer     n/a',
    ]);
  });
});

describe('spread and ratio', () => {
  it('spread is the smallest and largest successful run', () => {
    expect(spread([3, Number.NaN, 1, 2])).toEqual([1, 3]);
    expect(spread([Number.NaN]).every(Number.isNaN)).toBe(true);
  });
  it('ratio is theirs over ours, NaN when either is missing', () => {
    expect(ratio(1500, 1000)).toBe(1.5);
    expect(Number.isNaN(ratio(Number.NaN, 1000))).toBe(true);
  });
});
