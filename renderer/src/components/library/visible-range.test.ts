// The window onto a long list: which rows to draw at the top, in the middle and at the end.
import { describe, expect, it } from 'vitest';
import { visibleRange } from './use-visible-rows';

describe('visibleRange', () => {
  it('draws the shown rows and a few beyond each edge, never past the list', () => {
    expect(visibleRange(0, 500, 10_000, 100, 2)).toEqual({ from: 0, to: 7, perPage: 4 });
    expect(visibleRange(50_000, 500, 10_000, 100, 2)).toEqual({ from: 498, to: 507, perPage: 4 });
    expect(visibleRange(999_900, 500, 10_000, 100, 2)).toEqual({
      from: 9997,
      to: 9999,
      perPage: 4,
    });
  });

  it('copes with a list above the window, below it, or empty', () => {
    // the list starts lower on the page than the window's top: nothing scrolled past yet
    expect(visibleRange(-300, 500, 100, 100, 1).from).toBe(0);
    expect(visibleRange(0, 500, 0, 100, 1)).toEqual({ from: 0, to: -1, perPage: 4 });
  });
});
