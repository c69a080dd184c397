// What the benchmark measures inside Chromium: time to the first decoded frame of a URL, and the
// time from a seek to the first frame at the new position. Runs against a real <video> element.
import type { Page } from '@playwright/test';

export async function waitFirstFrame(page: Page, url: string, timeoutMs: number): Promise<void> {
  await page.evaluate(
    ({ url, timeoutMs }) =>
      new Promise<void>((resolve, reject) => {
        document.body.replaceChildren();
        const video = document.createElement('video');
        video.muted = true;
        video.autoplay = true;
        video.id = 'bench-video';
        document.body.append(video);
        const timer = setTimeout(() => reject(new Error('no frame in time')), timeoutMs);
        video.onerror = () => reject(new Error(`video error ${video.error?.code ?? '?'}`));
        video.requestVideoFrameCallback(() => {
          clearTimeout(timer);
          resolve();
        });
        video.src = url;
      }),
    { url, timeoutMs },
  );
}

/** Seeks to `fraction` of the duration and returns ms until a frame at the new position is shown. */
export async function measureSeek(page: Page, fraction: number, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ({ fraction, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const video = document.getElementById('bench-video') as HTMLVideoElement;
        const target = video.duration * fraction;
        const timer = setTimeout(() => reject(new Error('seek did not finish in time')), timeoutMs);
        const started = performance.now();
        const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
          if (meta.mediaTime >= target - 1) {
            clearTimeout(timer);
            resolve(performance.now() - started);
          } else {
            video.requestVideoFrameCallback(onFrame);
          }
        };
        video.requestVideoFrameCallback(onFrame);
        video.currentTime = target;
      }),
    { fraction, timeoutMs },
  );
}
