// Nothing is lost across a restart: the library keeps the film and where the user stopped, and
// playing it again resumes there.
import { join } from 'node:path';
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { currentTime, videoState } from '../support/video.js';

test('after a restart on the same data folder, the film is in the library and resumes where it stopped', async ({
  page,
  launchApp,
  swarm,
  workDir,
}) => {
  const dataDir = join(workDir, 'kept-data');
  const first = await launchApp({ dataDir });
  await page.goto(first.url);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  await page.getByTestId('player').hover();
  await page.getByTestId('seek-bar').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => currentTime(page), { timeout: 45_000 }).toBeGreaterThan(30);

  // Pausing reports the position; the engine keeps it.
  await page.keyboard.press('k');
  await expect.poll(async () => (await videoState(page)).paused).toBe(true);
  const stoppedAt = await currentTime(page);
  await page.waitForTimeout(1_000); // let the pause report reach the engine before quitting
  await page.goto('about:blank');
  expect(await first.stop()).toBe(0);

  const second = await launchApp({ dataDir });
  await page.goto(second.url);
  const item = page.locator(`[data-testid="library-item"][data-item-id="${swarm.infoHash}"]`);
  await expect(item).toBeVisible();
  await item.getByRole('button').first().click();
  await expect(page.getByTestId('player')).toBeVisible();
  // Starting from 0 could not get this far within the wait: only a resume passes.
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(stoppedAt - 3);
  const resumedAt = await currentTime(page);
  await expect.poll(() => currentTime(page), { timeout: 30_000 }).toBeGreaterThan(resumedAt + 0.5);
});
