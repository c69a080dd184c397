// Torrent feeds and the Internet Archive as sources, in a real browser against the built app: a
// feed on loopback and a recorded Archive answer become films that open and play. The Archive film
// has no tracker and no peer: it plays from its web seed alone.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startArchiveServer } from '../../electron/engine/test-support/archive-server.js';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { currentTime, videoState } from '../support/video.js';

const ARCHIVE_ID = 'night_of_the_living_dead';

async function serveFeed(
  magnet: string,
  torrent: Buffer,
): Promise<{ url: string; server: Server }> {
  let base = '';
  const server = createServer((req, res) => {
    if (req.url === '/film.torrent') {
      res.setHeader('Content-Type', 'application/x-bittorrent');
      res.end(torrent);
      return;
    }
    res.setHeader('Content-Type', 'application/rss+xml');
    res.end(`<?xml version="1.0"?>
<rss version="2.0" xmlns:torrent="http://xmlns.ezrss.it/0.1/"><channel><title>Loopback Feed</title>
  <item>
    <title><![CDATA[<b>Feed</b>.Film.2024.1080p.WEB]]></title>
    <description>A film shared on loopback &lt;script&gt;alert(1)&lt;/script&gt;</description>
    <enclosure url="${base}/film.torrent" type="application/x-bittorrent" length="${torrent.length}"/>
    <torrent:magnetURI><![CDATA[${magnet}]]></torrent:magnetURI>
  </item>
  <item><title>No torrent here</title><link>https://example.org/page</link></item>
</channel></rss>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${base}/films.rss`, server };
}

test('a torrent feed and the Internet Archive add films that open and play', async ({
  page,
  launchApp,
  swarm,
  videoPath,
  workDir,
}) => {
  const archive = await startArchiveServer({
    dir: workDir,
    videoPath,
    identifier: ARCHIVE_ID,
  });
  const feed = await serveFeed(swarm.magnet, await readFile(swarm.torrentPath));
  try {
    const app = await launchApp({
      extraArgs: ['--catalog', feed.url, '--catalog', 'ia:collection:feature_films'],
      env: { ESSAIM_INTERNET_ARCHIVE_URL: archive.base },
    });
    await page.goto(app.url);
    await expect(page.getByTestId('home')).toBeVisible();

    // the feed's film: name read from the release name, markup gone
    const feedCard = page.locator(
      `[data-testid="title-card"][data-title-id="rss:${swarm.infoHash}"]`,
    );
    await expect(feedCard).toContainText('Feed Film');
    await expect(feedCard).not.toContainText('<b>');

    // the Archive's films, found by name, and the first one opened and played
    const archiveCard = page.locator(
      `[data-testid="title-card"][data-title-id="ia:${ARCHIVE_ID}"]`,
    );
    await expect(archiveCard).toContainText('Night of the Living Dead');
    await expect(
      page.locator('[data-testid="title-card"][data-title-id="ia:his_girl_friday"]'),
    ).toBeVisible();
    await archiveCard.getByRole('button').first().click();
    await page.getByTestId('play-button').first().click();
    await expect(page.getByTestId('player')).toBeVisible();
    await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
    expect((await videoState(page)).error).toBeNull();
    // no tracker, no peer: every byte came from the web seed
    expect(archive.filmRangeRequests()).toBeGreaterThan(0);

    // back home, the feed's film plays from the swarm
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Essaim home' }).click();
    await expect(page.getByTestId('home')).toBeVisible();
    await feedCard.getByRole('button').first().click();
    await page.getByTestId('play-button').first().click();
    await expect(page.getByTestId('player')).toBeVisible();
    await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  } finally {
    feed.server.closeAllConnections();
    feed.server.close();
    await archive.close();
  }
});

async function openSources(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await page.getByTestId('settings-tab-sources').click();
  await expect(page.getByTestId('sources-page')).toBeVisible();
}

test('the Sources page adds the ready-made Archive films and a feed, and says what was left out', async ({
  page,
  launchApp,
  swarm,
  videoPath,
  workDir,
}) => {
  const archive = await startArchiveServer({ dir: workDir, videoPath, identifier: ARCHIVE_ID });
  const feed = await serveFeed(swarm.magnet, await readFile(swarm.torrentPath));
  try {
    const app = await launchApp({ env: { ESSAIM_INTERNET_ARCHIVE_URL: archive.base } });
    await page.goto(app.url);
    await expect(page.getByTestId('home')).toBeVisible();
    await openSources(page);

    const preset = page
      .getByTestId('source-preset')
      .filter({ hasText: 'Internet Archive: feature films (public domain)' });
    await preset.getByRole('button').click();
    // the next address goes in at once, while the preset is still being read: nothing is dropped
    await page.getByLabel('Add a source').fill(feed.url);
    await page.getByLabel('Add a source').press('Enter');
    const archiveRow = page.getByTestId('source-row').filter({ hasText: 'feature_films' });
    await expect(archiveRow).toHaveAttribute('data-state', 'ready');
    await expect(archiveRow).toContainText(
      'The Internet Archive found 28412 items; the 4 most downloaded were read.',
    );

    const feedRow = page.getByTestId('source-row').filter({ hasText: 'Loopback Feed' });
    await expect(feedRow).toHaveAttribute('data-state', 'ready');
    await expect(feedRow).toContainText('1 item had no torrent and was left out.');

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('settings-dialog')).toHaveCount(0);
    await expect(
      page.locator(`[data-testid="title-card"][data-title-id="ia:${ARCHIVE_ID}"]`),
    ).toBeVisible();
    await expect(
      page.locator(`[data-testid="title-card"][data-title-id="rss:${swarm.infoHash}"]`),
    ).toContainText('Feed Film');
  } finally {
    feed.server.closeAllConnections();
    feed.server.close();
    await archive.close();
  }
});
