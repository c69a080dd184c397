// A playback ends with the page that started it: after the tab is closed or reloaded, the film
// stops downloading and, with "keep sharing after watching" off, stops sharing too, as another page
// on the same app shows.
import type { Page } from '@playwright/test';
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { currentTime } from '../support/video.js';

async function turnOffSharingAfterWatching(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator('#setting-seed').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** The film's state as the library row of `page` shows it. */
function filmStatus(page: Page, infoHash: string) {
  return page
    .locator(`[data-testid="library-item"][data-item-id="${infoHash}"] [data-status]`)
    .first();
}

// Idle is "paused" (part of the film is there) or "complete"; "downloading" or "sharing" means a
// torrent still runs for a page that is gone.
const IDLE = /^(paused|complete)$/;

test('closing the tab ends its playback: another page sees the film stopped', async ({
  page,
  context,
  launchApp,
  swarm,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await turnOffSharingAfterWatching(page);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);

  const other = await context.newPage();
  await other.goto(app.url);
  await expect(filmStatus(other, swarm.infoHash)).toHaveAttribute(
    'data-status',
    /downloading|seeding/,
  );

  await page.close();
  await expect(filmStatus(other, swarm.infoHash)).toHaveAttribute('data-status', IDLE);
});

test('reloading the page ends its playback', async ({ page, launchApp, swarm }) => {
  const app = await launchApp();
  await page.goto(app.url);
  await turnOffSharingAfterWatching(page);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);

  await page.reload();
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(filmStatus(page, swarm.infoHash)).toHaveAttribute('data-status', IDLE);
});
