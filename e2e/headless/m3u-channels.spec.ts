// Direct channels end to end: an M3U list (given as a catalog) names a real HLS live stream made by
// ffmpeg on a loopback server and an XMLTV guide. The Channels tab shows the channel marked
// direct with its programme now; choosing it plays through the engine's relay (the picture moves,
// no content-policy violation); a channel whose stream is gone says so in plain words.
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHlsOrigin, type HlsOrigin } from '../../electron/engine/test-support/hls-origin.js';
import { launchHeadless, type HeadlessApp } from '../support/headless-app.js';

let dir: string;
let upstream: HlsOrigin | undefined;
let app: HeadlessApp | undefined;

test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-e2e-m3u-'));
});

// eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(app?.log());
  await app?.stop();
  await upstream?.stop();
  await rm(dir, { recursive: true, force: true });
});

const currentTime = (page: Page) =>
  page
    .getByTestId('live-video')
    .evaluate((element) => (element as unknown as { currentTime: number }).currentTime);

/** XMLTV time with an offset that is not UTC, to prove offsets are read. */
function xmltvTime(ms: number): string {
  const shifted = new Date(ms + 2 * 3_600_000);
  return `${shifted.toISOString().replace(/[-:T]/g, '').slice(0, 14)} +0200`;
}

test('a channel from an M3U list shows its programme now and plays through the relay', async ({
  page,
}) => {
  test.setTimeout(150_000);
  upstream = await startHlsOrigin(dir);
  const now = Date.now();
  await writeFile(
    join(upstream.folder, 'guide.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<tv>
  <channel id="card.test"><display-name>Test Card</display-name></channel>
  <programme start="${xmltvTime(now - 1_800_000)}" stop="${xmltvTime(now + 1_800_000)}" channel="card.test">
    <title>&lt;b&gt;Colour bars&lt;/b&gt; &amp; tone</title>
  </programme>
  <programme start="${xmltvTime(now + 1_800_000)}" stop="${xmltvTime(now + 3_600_000)}" channel="card.test">
    <title>Late film</title>
  </programme>
</tv>`,
  );
  const list = join(dir, 'tv.m3u');
  await writeFile(
    list,
    [
      `#EXTM3U url-tvg="${upstream.origin}/guide.xml"`,
      `#EXTINF:-1 tvg-id="card.test" tvg-logo="${upstream.origin}/logo.png" group-title="Tests",Test Card`,
      upstream.masterUrl,
      '#EXTINF:-1 tvg-id="gone.test" group-title="Archive",Gone Channel',
      `${upstream.origin}/gone.m3u8`,
    ].join('\r\n'),
  );
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`window: ${message.text()}`);
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  app = await launchHeadless(['--data-dir', join(dir, 'data'), '--catalog', list]);
  // every address the window itself asks for: none may be the list's server
  const windowRequests: string[] = [];
  page.on('request', (request) => windowRequests.push(request.url()));
  await page.goto(app.url);

  await page.getByRole('tab', { name: /channels/i }).click();
  const card = page.getByTestId('direct-channel-card').filter({ hasText: 'Test Card' });
  await expect(card.getByTestId('channel-direct-mark')).toHaveText('Direct (not P2P)');
  // markup in the guide is shown as text, never as HTML
  await expect(card.getByTestId('channel-now')).toHaveText('Now: <b>Colour bars</b> & tone', {
    timeout: 30_000,
  });
  await expect(card.getByTestId('channel-next')).toContainText('Late film');
  await expect(page.getByRole('heading', { name: 'Tests' })).toBeVisible();
  // the group filter narrows the list
  await page.getByTestId('channel-group-filter').selectOption({ label: 'Archive' });
  await expect(page.getByTestId('direct-channel-card')).toHaveCount(1);
  await expect(page.getByTestId('direct-channel-card')).toContainText('Gone Channel');
  await page.getByTestId('channel-group-filter').selectOption({ label: 'All groups' });

  await card.getByTestId('channel-watch').click();
  await expect(page.getByTestId('live-direct')).toHaveText('Direct (not P2P)');
  await expect(page.getByRole('heading', { name: 'Test Card' })).toBeVisible();
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  const first = await currentTime(page);
  // several 1 s segments go by: the picture keeps moving
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(first + 3);
  await expect(page.getByTestId('live-peers')).toHaveCount(0);
  // the window fetched only from the engine (the relay, the artwork cache for the logo), never
  // from the list's server itself
  const listServer = upstream.origin;
  expect(windowRequests.filter((url) => url.startsWith(listServer))).toEqual([]);
  expect(windowRequests.some((url) => url.includes('/relay/'))).toBe(true);

  await page.getByRole('button', { name: 'Back' }).click();
  await page
    .getByTestId('direct-channel-card')
    .filter({ hasText: 'Gone Channel' })
    .getByTestId('channel-watch')
    .click();
  await expect(page.getByTestId('live-direct-problem')).toContainText('The stream is offline', {
    timeout: 30_000,
  });
  expect(violations).toEqual([]);
});
