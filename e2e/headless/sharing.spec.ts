// Seeding while watching: once the original seeder is gone, a second peer downloads the film
// from the app alone, and the window's "uploaded" figure shows it.
import { join } from 'node:path';
import { startLeecher } from '../../electron/engine/test-support/swarm.js';
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { currentTime } from '../support/video.js';

test('another peer downloads from the app while it plays, and the window counts the upload', async ({
  page,
  launchApp,
  swarm,
  workDir,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(2);

  // Without the seeder, anything the second peer receives can only come from the app.
  await swarm.stopSeeder();
  const leecher = await startLeecher({
    torrentPath: swarm.torrentPath,
    announce: [swarm.announce],
    dir: join(workDir, 'leecher'),
  });
  try {
    await expect
      .poll(
        async () => Number(await page.getByTestId('stat-uploaded').getAttribute('data-bytes')),
        { timeout: 75_000 },
      )
      .toBeGreaterThan(0);
    await expect.poll(() => leecher.downloadedBytes(), { timeout: 30_000 }).toBeGreaterThan(0);
    // playback went on while sharing
    const now = await currentTime(page);
    await expect.poll(() => currentTime(page)).toBeGreaterThan(now);
  } finally {
    await leecher.close();
  }
});
