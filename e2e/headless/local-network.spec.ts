// The loopback swarm as a stranger's torrent would see it: refused until the local network is
// allowed. The player says why it waits; ticking the setting (or --allow-local-network) lets it play.
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { currentTime } from '../support/video.js';

/** The app as a user runs it: no test switch letting it reach the local network. */
const REFUSING = { ESSAIM_ALLOW_PRIVATE_ADDRESSES: '0' };

test('a title whose only tracker is local says why it waits, and plays once the setting is ticked', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp({ env: REFUSING });
  await page.goto(app.url);
  await playFilmFromCatalog(page);
  await expect(page.getByTestId('player-wait-reason')).toHaveText(
    /only tracker is on your local network.*Allow the local network/,
  );

  await page.getByRole('button', { name: 'Back' }).first().click();
  await page.getByTestId('settings-button').click();
  const dialog = page.getByTestId('settings-dialog');
  const box = dialog.getByLabel('Allow the local network');
  await expect(box).not.toBeChecked();
  await box.check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // Back led to the title's page; the torrent kept running meanwhile and takes the change as is
  await page.getByTestId('play-button').first().click();
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  await expect(page.getByTestId('player-wait-reason')).toHaveCount(0);
});

test('--allow-local-network lets the same title play at once', async ({ page, launchApp }) => {
  const app = await launchApp({ env: REFUSING, extraArgs: ['--allow-local-network'] });
  await page.goto(app.url);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
});
