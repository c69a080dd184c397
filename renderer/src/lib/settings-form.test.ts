// The settings form refuses what the engine would refuse, before sending it.
import { describe, expect, it } from 'vitest';
import { checkNumberField } from './settings-form';

describe('checkNumberField', () => {
  it('accepts whole numbers within range', () => {
    expect(checkNumberField('downloadLimitKiBps', ' 0 ')).toEqual({ ok: true, value: 0 });
    expect(checkNumberField('maxConnections', '55')).toEqual({ ok: true, value: 55 });
  });
  it('refuses decimals, signs and text', () => {
    for (const text of ['1.5', '-3', 'abc', '', '1e3']) {
      expect(checkNumberField('uploadLimitKiBps', text)).toEqual({
        ok: false,
        problem: { kind: 'not-whole-number' },
      });
    }
  });
  it('refuses values out of range with the range', () => {
    expect(checkNumberField('maxConnections', '0')).toEqual({
      ok: false,
      problem: { kind: 'out-of-range', min: 1, max: 1000 },
    });
    expect(checkNumberField('bufferAheadSeconds', '601')).toEqual({
      ok: false,
      problem: { kind: 'out-of-range', min: 5, max: 600 },
    });
  });
});
