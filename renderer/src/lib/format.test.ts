// Checks the clock and size formatting the player and library rows rely on.
import { describe, expect, it } from 'vitest';
import { byteParts, formatClock, percent } from './format';

describe('formatClock', () => {
  it('formats minutes and hours', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(5)).toBe('0:05');
    expect(formatClock(724)).toBe('12:04');
    expect(formatClock(5650)).toBe('1:34:10');
  });
  it('treats nonsense as zero', () => {
    expect(formatClock(Number.NaN)).toBe('0:00');
    expect(formatClock(-3)).toBe('0:00');
    expect(formatClock(Number.POSITIVE_INFINITY)).toBe('0:00');
  });
});

describe('byteParts', () => {
  it('picks a decimal unit with sensible precision', () => {
    expect(byteParts(0)).toEqual({ value: 0, unit: 'B' });
    expect(byteParts(999)).toEqual({ value: 999, unit: 'B' });
    expect(byteParts(1_234_567)).toEqual({ value: 1.2, unit: 'MB' });
    expect(byteParts(34_000_000)).toEqual({ value: 34, unit: 'MB' });
    expect(byteParts(2.5e12)).toEqual({ value: 2.5, unit: 'TB' });
  });
});

describe('percent', () => {
  it('rounds and clamps', () => {
    expect(percent(0.374)).toBe(37);
    expect(percent(1.2)).toBe(100);
    expect(percent(Number.NaN)).toBe(0);
  });
});
