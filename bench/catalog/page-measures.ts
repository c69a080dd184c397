// What the catalog benchmark measures inside the window: when the first title cards appear,
// how long a search takes from the input event to its results drawn, and the frames of a
// scripted scroll. Runs in the page through Playwright; reads the page as a user sees it.
import type { Page } from '@playwright/test';

/** Installed before the page's own scripts: notes when the first title card enters the page. */
export async function watchFirstCards(page: Page): Promise<void> {
  // the benchmark runs through tsx, whose transform names functions with a helper the page lacks
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(() => {
    const w = window as unknown as { firstCardsAt?: number };
    const seen = () => {
      if (w.firstCardsAt !== undefined || !document.querySelector('[data-testid="title-card"]'))
        return;
      // the next frame is the one that shows them
      requestAnimationFrame(() => (w.firstCardsAt ??= performance.now()));
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  });
}

/** ms from the page's navigation start to its first title cards on screen. */
export async function firstCardsMs(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (window as { firstCardsAt?: number }).firstCardsAt !== undefined,
    null,
    {
      timeout: 120_000,
    },
  );
  return page.evaluate(() => (window as unknown as { firstCardsAt: number }).firstCardsAt);
}

/**
 * Types `text` into the search box as one input event and answers the ms until the grid (or
 * the "no match" line) shows the new results, at the frame that draws them.
 */
export function timeSearch(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (query) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="shelf-search"]');
        if (!input) return reject(new Error('no search box'));
        const heading = () => document.querySelector('[data-testid="shelf-heading"]')?.textContent;
        const grid = () =>
          document.querySelector('[data-testid="title-grid"]')?.getAttribute('data-count') ??
          (document.querySelector('[data-testid="no-match"]') ? '0' : null);
        const before = `${heading()}|${grid()}`;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        const started = performance.now();
        setValue?.call(input, query);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const check = () => {
          if (`${heading()}|${grid()}` !== before) resolve(performance.now() - started);
          else if (performance.now() - started > 10_000)
            reject(new Error(`no answer to "${query}"`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    text,
  );
}

export interface ScrollFrames {
  intervals: number[];
  longTasks: number[];
  scrolledPx: number;
  cardsInPage: number;
}

/** Scrolls the page down by `step` px a frame for `frames` frames, noting every frame's length. */
export function scriptedScroll(page: Page, frames: number, step: number): Promise<ScrollFrames> {
  return page.evaluate(
    ({ frames, step }) =>
      new Promise<ScrollFrames>((resolve) => {
        const longTasks: number[] = [];
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) longTasks.push(entry.duration);
        });
        try {
          observer.observe({ type: 'longtask', buffered: false });
        } catch {
          // no long-task timing in this browser: the frame intervals still tell
        }
        const intervals: number[] = [];
        const start = window.scrollY;
        let last = 0;
        let n = 0;
        const frame = (now: number) => {
          if (last > 0) intervals.push(now - last);
          last = now;
          if (n++ >= frames) {
            observer.disconnect();
            resolve({
              intervals,
              longTasks,
              scrolledPx: window.scrollY - start,
              cardsInPage: document.querySelectorAll('[data-testid="title-card"]').length,
            });
            return;
          }
          window.scrollBy(0, step);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { frames, step },
  );
}
