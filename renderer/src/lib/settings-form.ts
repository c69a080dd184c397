// The settings form's text fields, checked in plain words before anything is sent. Limits match
// the contract's settings schema so the engine never has to refuse what the form accepted.
import type { Settings } from '../../../shared/domain';

export type NumberField =
  'downloadLimitKiBps' | 'uploadLimitKiBps' | 'maxConnections' | 'bufferAheadSeconds';
export const NUMBER_FIELDS: NumberField[] = [
  'downloadLimitKiBps',
  'uploadLimitKiBps',
  'maxConnections',
  'bufferAheadSeconds',
];

export const LIMITS: Record<NumberField, { min: number; max: number }> = {
  downloadLimitKiBps: { min: 0, max: 10_000_000 },
  uploadLimitKiBps: { min: 0, max: 10_000_000 },
  maxConnections: { min: 1, max: 1000 },
  bufferAheadSeconds: { min: 5, max: 600 },
};

export type FieldProblem =
  { kind: 'not-whole-number' } | { kind: 'out-of-range'; min: number; max: number };

export function checkNumberField(
  field: NumberField,
  text: string,
): { ok: true; value: number } | { ok: false; problem: FieldProblem } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: { kind: 'not-whole-number' } };
  const value = Number(trimmed);
  const { min, max } = LIMITS[field];
  if (value < min || value > max) return { ok: false, problem: { kind: 'out-of-range', min, max } };
  return { ok: true, value };
}

export function fieldTexts(settings: Settings): Record<NumberField, string> {
  return {
    downloadLimitKiBps: String(settings.downloadLimitKiBps),
    uploadLimitKiBps: String(settings.uploadLimitKiBps),
    maxConnections: String(settings.maxConnections),
    bufferAheadSeconds: String(settings.bufferAheadSeconds),
  };
}
