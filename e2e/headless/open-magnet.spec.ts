// Opening by pasting: broken text gets a plain-words explanation and changes nothing; the film's
// magnet link then opens and plays from the same dialog.
import { expect, test } from '../support/fixtures.js';
import { currentTime } from '../support/video.js';

test('a bad magnet is explained in plain words, then a good one plays', async ({
  page,
  launchApp,
  swarm,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByTestId('home')).toBeVisible();

  await page.getByTestId('open-button').click();
  const dialog = page.getByTestId('open-dialog');
  await expect(dialog).toBeVisible();
  const input = page.getByTestId('open-input');

  await input.fill('magnet:?xt=urn:btih:not-a-real-hash');
  await page.getByTestId('open-submit').click();
  await expect(dialog).toContainText('The info hash in this magnet link is not valid.');
  await input.fill('hello there');
  await page.getByTestId('open-submit').click();
  await expect(dialog).toContainText('This is not a magnet link, an info hash or a .torrent link.');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('player')).toHaveCount(0);

  await input.fill(swarm.magnet);
  await page.getByTestId('open-submit').click();
  await expect(page.getByTestId('player')).toBeVisible();
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
});

test('a title nobody shares says so plainly while it waits, and Back still works', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await page.getByTestId('open-button').click();
  // an info hash no peer in this swarm has
  await page.getByTestId('open-input').fill('0123456789abcdef0123456789abcdef01234567');
  await page.getByTestId('open-submit').click();

  await expect(page.getByTestId('player-status')).toHaveText('Finding peers…');
  await expect(page.getByTestId('player-slow-hint')).toContainText(
    'No one sharing this title has been found yet',
    { timeout: 30_000 },
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('home')).toBeVisible();
  // the wait is not lost: the title is in the library, to try again later
  await expect(page.getByTestId('library-item')).toHaveCount(1);
});
