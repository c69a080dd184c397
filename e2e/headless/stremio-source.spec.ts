// A Stremio add-on as a source, end to end in Chromium: the add-on is added on the Sources page
// (or given on the command line), its film and series appear on the shelf, opening one asks the add-on for details and ways to
// play, the user chooses with the keyboard, and the chosen file of a loopback torrent plays. A film
// only the add-on's search catalog knows is found by typing in the search box, and plays too.
import {
  ADDON_ID,
  FILM_META_ID,
  SEARCH_ONLY_META_ID,
  SERIES_META_ID,
} from '../../electron/engine/test-support/stremio-addon.js';
import { expect, test } from '../support/fixtures.js';
import { CLIP_SECONDS, startStremioSwarm, type StremioSwarm } from '../support/stremio-swarm.js';
import { currentTime, videoState } from '../support/video.js';

let swarm: StremioSwarm | undefined;
test.afterEach(async () => {
  await swarm?.close();
  swarm = undefined;
});

const card = (metaId: string) =>
  `[data-testid="title-card"][data-title-id="stremio:${ADDON_ID}:${metaId}"]`;

test('a film from a Stremio add-on: choose a way to play, the chosen file plays', async ({
  page,
  launchApp,
  videoPath,
  workDir,
}) => {
  swarm = await startStremioSwarm(videoPath, workDir);
  const app = await launchApp();
  await page.goto(app.url);

  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-tab-sources').click();
  await page.getByLabel('Add a source').fill(swarm.addon.manifestUrl);
  await page.getByLabel('Add a source').press('Enter');
  // the row of the source added here (the fixture's film catalog is a command-line source)
  const row = page.locator('[data-testid="source-row"]:not([data-source-id^="cli-"])');
  await expect(row).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(row).toContainText('Loopback Add-on');
  await expect(row).toContainText('Stremio add-on');
  // 150 films over two pages of the catalog, and the series
  await expect(row).toContainText('151 titles');
  await expect(row).toContainText('Catalogs of type "tv" are left out');
  await page.keyboard.press('Escape');

  await page.locator(card(FILM_META_ID)).getByRole('button').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Loopback Stremio Film');
  await expect(page.getByTestId('details-people')).toContainText('Ada Test');

  const options = page.getByTestId('play-option');
  await expect(options).toHaveCount(2, { timeout: 30_000 });
  await expect(options.first()).toContainText('Loopback 1080p · Loopback.Film.1080p.WEB');
  await expect(options.first()).toContainText('12 peers');
  await expect(options.first().getByRole('radio')).toBeChecked();
  await expect(page.getByTestId('play-options-ignored')).toContainText(
    '1 direct video link was left out',
  );
  await expect(page.getByTestId('play-options-ignored')).toContainText('1 YouTube video');

  // keyboard only: down to the .torrent link, back up to the first, Enter plays it
  await options.first().getByRole('radio').focus();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1).getByRole('radio')).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(options.first().getByRole('radio')).toBeChecked();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('player')).toBeVisible();
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  const state = await videoState(page);
  expect(state.error).toBeNull();
  // the add-on's fileIdx names the short clip, not the larger film beside it in the torrent
  expect(state.duration).toBeGreaterThan(CLIP_SECONDS - 1);
  expect(state.duration).toBeLessThan(CLIP_SECONDS + 1);
});

test('a series from a Stremio add-on: episodes load, an episode plays', async ({
  page,
  launchApp,
  videoPath,
  workDir,
}) => {
  swarm = await startStremioSwarm(videoPath, workDir);
  const app = await launchApp({ extraArgs: ['--catalog', swarm.addon.manifestUrl] });
  await page.goto(app.url);

  // found by searching the shelf, as a user would among 151 titles
  await page.getByTestId('shelf-search').fill('loopback series');
  await page.locator(card(SERIES_META_ID)).getByRole('button').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Season 2' })).toBeVisible({
    timeout: 30_000,
  });
  const episode = `${SERIES_META_ID}:2:1`;
  await page.locator(`[data-testid="play-button"][data-episode-id="${episode}"]`).click();
  // two ways to play: the choice opens with the keyboard on the first one
  const options = page.getByTestId('play-option');
  await expect(options).toHaveCount(2, { timeout: 30_000 });
  await expect(options.first().getByRole('radio')).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('player')).toBeVisible();
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  expect((await videoState(page)).error).toBeNull();
});

test('a film only a search finds: listed under "From your add-ons", opened and played', async ({
  page,
  launchApp,
  videoPath,
  workDir,
}) => {
  swarm = await startStremioSwarm(videoPath, workDir);
  const app = await launchApp({ extraArgs: ['--catalog', swarm.addon.manifestUrl] });
  await page.goto(app.url);
  await expect(page.locator(card(FILM_META_ID))).toBeVisible({ timeout: 30_000 });

  const box = page.getByTestId('shelf-search');
  await box.click();
  await box.pressSequentially('zebra', { delay: 40 });
  const results = page.getByTestId('addon-results');
  await expect(results.getByRole('heading', { name: 'From your add-ons' })).toBeVisible();
  const found = results.locator(card(SEARCH_ONLY_META_ID));
  await expect(found).toContainText('Only found by searching zebra', { timeout: 30_000 });
  await expect(page.getByTestId('addon-search-status')).toHaveText(
    '1 more title found by your add-ons',
  );
  // the shelf itself has no such film, and one letter is never sent to the add-ons
  await expect(page.getByTestId('no-match')).toBeVisible();
  const searches = swarm.addon.requests.filter((p) => p.startsWith('/catalog/movie/search/'));
  expect(searches).toContain('/catalog/movie/search/search=zebra.json');
  expect(searches).not.toContain('/catalog/movie/search/search=z.json');

  // keyboard only: the card's button, Enter opens the details, Enter plays the first way
  await found.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Only found by searching/);
  await expect(page.getByTestId('details-synopsis')).toHaveText(
    'No catalog of the add-on lists this film; a search finds it.',
  );
  const options = page.getByTestId('play-option');
  await expect(options).toHaveCount(2, { timeout: 30_000 });
  await options.first().getByRole('radio').focus();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('player')).toBeVisible();
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  expect((await videoState(page)).error).toBeNull();
});
