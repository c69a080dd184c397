// Reads the player's <video> element from the page. Typed without DOM globals: the e2e code is
// checked with Node's types, and only these few fields are needed.
import type { Page } from '@playwright/test';

export interface VideoState {
  currentTime: number;
  duration: number;
  paused: boolean;
  muted: boolean;
  readyState: number;
  error: number | null;
}

interface VideoLike {
  currentTime: number;
  duration: number;
  paused: boolean;
  muted: boolean;
  readyState: number;
  error: { code: number } | null;
}

export function videoState(page: Page): Promise<VideoState> {
  return page.getByTestId('player-video').evaluate((element) => {
    const video = element as unknown as VideoLike;
    return {
      currentTime: video.currentTime,
      // NaN until metadata arrives; 0 is easier to compare against
      duration: Number.isFinite(video.duration) ? video.duration : 0,
      paused: video.paused,
      muted: video.muted,
      readyState: video.readyState,
      error: video.error ? video.error.code : null,
    };
  });
}

export const currentTime = async (page: Page): Promise<number> =>
  (await videoState(page)).currentTime;

/** What the page has focused: its test id, tag and whether it sits inside the player. */
export function focusedElement(
  page: Page,
): Promise<{ tag: string; testId: string | null; inPlayer: boolean }> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: DomLike | null } }).document;
    const el = doc.activeElement;
    return {
      tag: el?.tagName ?? '',
      testId: el?.getAttribute('data-testid') ?? null,
      inPlayer: el?.closest('[data-testid="player"]') != null,
    };
  });
}

interface DomLike {
  tagName: string;
  getAttribute(name: string): string | null;
  closest(selector: string): DomLike | null;
}
