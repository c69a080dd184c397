// What the benchmark measures inside Chromium: time to the first decoded frame of a URL, the
// time from a seek to the first frame at the new position, and stalls while watching. Runs
// against a real <video> element. The page code is plain strings so no build-tool helper leaks
// into the page.
import type { Page } from '@playwright/test';

const FIRST_FRAME = `(args) => new Promise((resolve, reject) => {
  document.body.replaceChildren();
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.id = 'bench-video';
  document.body.append(video);
  const timer = setTimeout(() => reject(new Error('no frame in time')), args.timeoutMs);
  video.onerror = () => reject(new Error('video error ' + (video.error ? video.error.code : '?')));
  video.requestVideoFrameCallback(() => { clearTimeout(timer); resolve(); });
  video.src = args.url;
})`;

const SEEK = `(args) => new Promise((resolve, reject) => {
  const video = document.getElementById('bench-video');
  const target = video.duration * args.fraction;
  const timer = setTimeout(() => reject(new Error('seek did not finish in time')), args.timeoutMs);
  const started = performance.now();
  const onFrame = (now, meta) => {
    if (meta.mediaTime >= target - 1) { clearTimeout(timer); resolve(performance.now() - started); }
    else video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  video.currentTime = target;
})`;

// Stalls: from a "waiting" event while playing until the next "playing" event.
const WATCH = `(args) => new Promise((resolve) => {
  const video = document.getElementById('bench-video');
  let stalls = 0, stalledMs = 0, since = null;
  const stallsAt = [];
  const onWaiting = () => { if (since === null) { since = performance.now(); stalls += 1; stallsAt.push(Math.round(video.currentTime * 10) / 10); } };
  const onPlaying = () => { if (since !== null) { stalledMs += performance.now() - since; since = null; } };
  video.addEventListener('waiting', onWaiting);
  video.addEventListener('playing', onPlaying);
  const started = performance.now();
  setTimeout(() => {
    if (since !== null) stalledMs += performance.now() - since;
    video.removeEventListener('waiting', onWaiting);
    video.removeEventListener('playing', onPlaying);
    resolve({ stalls, stalledMs, stallsAt, watchedMs: performance.now() - started, mediaTime: video.currentTime });
  }, args.seconds * 1000);
})`;

export async function waitFirstFrame(page: Page, url: string, timeoutMs: number): Promise<void> {
  await page.evaluate(`(${FIRST_FRAME})(${JSON.stringify({ url, timeoutMs })})`);
}

/** Seeks to `fraction` of the duration and returns ms until a frame at the new position is shown. */
export async function measureSeek(
  page: Page,
  fraction: number,
  timeoutMs: number,
): Promise<number> {
  return (await page.evaluate(`(${SEEK})(${JSON.stringify({ fraction, timeoutMs })})`)) as number;
}

export interface WatchResult {
  stalls: number;
  stalledMs: number;
  /** where in the film each stall began (seconds of media) */
  stallsAt: number[];
  watchedMs: number;
  mediaTime: number;
}

/** Lets the video play for `seconds` and reports the stalls seen meanwhile. */
export async function watch(page: Page, seconds: number): Promise<WatchResult> {
  return (await page.evaluate(`(${WATCH})(${JSON.stringify({ seconds })})`)) as WatchResult;
}
