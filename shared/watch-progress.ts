// When a film or episode counts as watched (near its end) or as barely started, shared by the
// engine (automatic watched marks) and the window (Continue watching). Plain numbers only.

/** Watched once this share of it has played… */
export const WATCHED_SHARE = 0.9;
/** …or once less than this is left (end credits). */
export const WATCHED_SECONDS_LEFT = 180;

/** Near the end: counts as watched. Unknown or zero durations never count. */
export function isNearEnd(positionSeconds: number, durationSeconds: number | undefined): boolean {
  if (!durationSeconds || !Number.isFinite(durationSeconds) || durationSeconds <= 0) return false;
  // a very short video is watched only near its real end, not 3 minutes before it starts
  const left = Math.min(WATCHED_SECONDS_LEFT, durationSeconds * (1 - WATCHED_SHARE));
  return (
    positionSeconds >= durationSeconds * WATCHED_SHARE || durationSeconds - positionSeconds <= left
  );
}

/** Barely started: not worth a place in Continue watching (a peek, an accidental click). */
export function isBarelyStarted(
  positionSeconds: number,
  durationSeconds: number | undefined,
): boolean {
  const threshold = durationSeconds ? Math.max(5, Math.min(60, durationSeconds * 0.03)) : 5;
  return positionSeconds < threshold;
}
