// Finding and remembering on a large shelf, in Chromium against the built headless app: search as
// you type over 10,000 titles from several catalogs, filters, a windowed grid, watched marks and
// My list kept across a reload, Continue watching after part of a film, and the next episode
// offered with a countdown at the end of an episode.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeTestVideo } from '../../electron/engine/test-support/media.js';
import { startSeeder, startTracker } from '../../electron/engine/test-support/swarm.js';
import { FILM_ID } from '../support/film-swarm.js';
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { NEEDLES, seriesCount, writeManyTitles } from '../support/many-titles.js';
import { currentTime, videoState } from '../support/video.js';

const TOTAL = 10_000;

const card = (page: Page, id: string) =>
  page.locator(`[data-testid="title-card"][data-title-id="${id}"]`);

test('search, filters and the windowed grid over 10,000 titles; marks kept across a reload', async ({
  page,
  launchApp,
  workDir,
}) => {
  const catalogs = await writeManyTitles(workDir, TOTAL, 4);
  const app = await launchApp({ extraArgs: catalogs.flatMap((path) => ['--catalog', path]) });
  await page.goto(app.url);
  const grid = page.getByTestId('title-grid');
  // the film's own catalog adds one title to the made-up ones
  await expect(grid).toHaveAttribute('data-count', String(TOTAL + 1), { timeout: 60_000 });
  // windowed: a screenful of cards in the page, not 10,001
  expect(await page.getByTestId('title-card').count()).toBeLessThan(200);

  // "/" puts the cursor in the search box; typing without accents finds the accented name
  await page.keyboard.press('/');
  const search = page.getByTestId('shelf-search');
  await expect(search).toBeFocused();
  await page.keyboard.type('amelie', { delay: 30 });
  await expect(grid).toHaveAttribute('data-count', '1');
  await expect(card(page, NEEDLES.amelie.id)).toBeVisible();
  await expect(page.getByTestId('shelf-heading')).toHaveText('1 title found');

  // a cast member finds their titles; Escape clears the search and the whole shelf is back
  await search.fill('mei tanaka');
  await expect(grid).not.toHaveAttribute('data-count', String(TOTAL + 1));
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(grid).toHaveAttribute('data-count', String(TOTAL + 1));

  // only series, then only series of the 1960s
  await page.getByTestId('filter-kind').selectOption('series');
  await expect(grid).toHaveAttribute('data-count', String(seriesCount(TOTAL)));
  await expect(page.getByTestId('title-card').first()).toContainText('Series');
  await page.getByTestId('filter-decade').selectOption('1960');
  const sixties = Number(await grid.getAttribute('data-count'));
  expect(sixties).toBeGreaterThan(0);
  expect(sixties).toBeLessThan(seriesCount(TOTAL));
  await page.getByTestId('filter-kind').selectOption('all');
  await page.getByTestId('filter-decade').selectOption('');
  await expect(grid).toHaveAttribute('data-count', String(TOTAL + 1));

  // scrolling to the very end draws the last titles, still only a screenful of cards
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(card(page, `gen-${TOTAL - 3}`)).toBeVisible();
  expect(await page.getByTestId('title-card').count()).toBeLessThan(200);
  await page.evaluate(() => window.scrollTo(0, 0));

  // mark the llama watched and put it on My list from its details
  await search.fill('stubborn');
  await card(page, NEEDLES.llama.id).getByRole('button').click();
  await page.getByTestId('my-list-button').click();
  await expect(page.getByTestId('my-list-button')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('watched-button').click();
  await expect(page.getByTestId('watched-button')).toHaveAttribute('aria-pressed', 'true');

  // after a reload the marks are still there: the My list row, the watched badge
  await page.reload();
  const myList = page.getByTestId('my-list-row');
  await expect(myList).toBeVisible({ timeout: 60_000 });
  await expect(myList.locator(`[data-title-id="${NEEDLES.llama.id}"]`)).toBeVisible();
  await expect(myList.getByTestId('watched-badge')).toBeVisible();
  // the search was kept for this window only: a reload starts on the whole shelf
  await expect(grid).toHaveAttribute('data-count', String(TOTAL + 1));

  // a French window finds French names, without their accents
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-dialog').getByLabel('Language').selectOption('fr');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tab-titles')).toHaveText(/Titres/);
  await search.fill('lama tetu');
  await expect(grid).toHaveAttribute('data-count', '1');
  await expect(card(page, NEEDLES.llama.id)).toContainText(NEEDLES.llama.fr);
  await expect(page.getByTestId('shelf-heading')).toHaveText('1 titre trouvé');
});

test('Continue watching lists a film played part-way and resumes it', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByTestId('continue-row')).toHaveCount(0);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  await page.getByTestId('player').hover();
  await page.getByTestId('seek-bar').focus();
  await page.keyboard.press('Shift+ArrowRight'); // +30 s
  await expect.poll(() => currentTime(page), { timeout: 45_000 }).toBeGreaterThan(20);
  await page.keyboard.press('k');
  await expect.poll(async () => (await videoState(page)).paused).toBe(true);
  const stoppedAt = await currentTime(page);
  await page.keyboard.press('Escape'); // back to the film's details…
  await page.getByRole('button', { name: 'Back' }).click(); // …and home

  const row = page.getByTestId('continue-row');
  await expect(row.locator(`[data-title-id="${FILM_ID}"]`)).toBeVisible();
  await page.reload();
  await expect(row.locator(`[data-title-id="${FILM_ID}"]`)).toBeVisible({ timeout: 30_000 });
  await row.locator(`[data-title-id="${FILM_ID}"]`).getByRole('button').click();
  await expect(page.getByTestId('player')).toBeVisible();
  await expect.poll(() => currentTime(page), { timeout: 30_000 }).toBeGreaterThan(stoppedAt - 3);
});

test('at the end of an episode the next one is offered with a countdown, and starts by itself', async ({
  page,
  launchApp,
  workDir,
}) => {
  const media = join(workDir, 'episodes');
  await mkdir(media);
  const tracker = await startTracker();
  const seeders: Awaited<ReturnType<typeof startSeeder>>[] = [];
  try {
    for (const [n, seconds] of [
      [1, 6],
      [2, 7],
    ] as const) {
      const path = await makeTestVideo(media, { seconds, name: `episode-${n}.mp4` });
      seeders.push(await startSeeder({ path, announce: [tracker.announceUrl] }));
    }
    const magnet = (s: (typeof seeders)[number]) =>
      s.magnet.includes('tr=')
        ? s.magnet
        : `${s.magnet}&tr=${encodeURIComponent(tracker.announceUrl)}`;
    const catalog = join(workDir, 'series.json');
    await writeFile(
      catalog,
      JSON.stringify({
        format: 'essaim-catalog',
        version: 1,
        name: 'Series',
        titles: [
          {
            id: 'e2e-series',
            kind: 'series',
            name: 'Loopback Series',
            // listed out of order: the order comes from season and episode numbers
            episodes: [
              {
                id: 'e2e-series:2',
                season: 1,
                episode: 2,
                name: 'Second Light',
                source: magnet(seeders[1]!),
              },
              {
                id: 'e2e-series:1',
                season: 1,
                episode: 1,
                name: 'First Light',
                source: magnet(seeders[0]!),
              },
            ],
          },
        ],
        channels: [],
      }),
    );
    const app = await launchApp({ extraArgs: ['--catalog', catalog] });
    await page.goto(app.url);
    await card(page, 'e2e-series').getByRole('button').click();
    await page.locator('[data-testid="play-button"][data-episode-id="e2e-series:1"]').click();
    await expect(page.getByTestId('player')).toBeVisible();

    // the first ending: the offer names episode 2 and counts down; Escape cancels it only
    const offer = page.getByTestId('next-episode');
    await expect(offer).toBeVisible({ timeout: 60_000 });
    await expect(offer).toContainText('S1 E2 · Second Light');
    await expect(page.getByTestId('next-episode-countdown')).toContainText(/Starts in \d+ second/);
    await expect(page.getByTestId('next-episode-play')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(offer).toHaveCount(0);
    await expect(page.getByTestId('player')).toBeVisible();

    // played to the end again, left alone: episode 2 starts when the countdown reaches zero
    await page.getByTestId('player').hover();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('k');
    await expect(offer).toBeVisible({ timeout: 30_000 });
    await expect(offer).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId('player')).toHaveAttribute('aria-label', /Second Light/, {
      timeout: 30_000,
    });
    await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  } finally {
    await Promise.allSettled([...seeders.map((s) => s.close()), tracker.close()]);
  }
});
