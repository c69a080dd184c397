// Pure formatting of times and sizes for display; units and separators come from the caller's
// locale so French gets "1,2 Mo/s" and English "1.2 MB/s".

/** 75 -> "1:15", 5650 -> "1:34:10"; anything not a finite, positive number reads as 0:00. */
export function formatClock(totalSeconds: number): string {
  const safe = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;
  const hours = Math.floor(safe / 3600);
  const minutes = Math.floor((safe % 3600) / 60);
  const seconds = safe % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

export const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
export type ByteUnit = (typeof BYTE_UNITS)[number];

/** Splits a byte count into a value and a decimal (SI) unit, as download tools show them. */
export function byteParts(bytes: number): { value: number; unit: ByteUnit } {
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let index = 0;
  while (value >= 1000 && index < BYTE_UNITS.length - 1) {
    value /= 1000;
    index += 1;
  }
  // one decimal below 10 (1.2 MB), none above (34 MB): enough precision to watch a number move
  const digits = index === 0 || value >= 10 ? 0 : 1;
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return { value: rounded, unit: BYTE_UNITS[index] ?? 'B' };
}

/** Whole percent, clamped to 0..100. */
export function percent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.min(100, Math.max(0, Math.round(fraction * 100)));
}
